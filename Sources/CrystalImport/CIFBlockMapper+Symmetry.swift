import CIFSyntax
import CrystalModel

extension CIFBlockMapper {
    struct Symmetry {
        var operations: [SymmetryOperation]
        var declaredNumber: Int?
        var declaredSymbol: String?
    }

    static let operationTags = ["_symmetry_equiv_pos_as_xyz", "_space_group_symop_operation_xyz", "_space_group_symop_magn_operation_xyz"]
    static let hallTags = ["_space_group_name_hall", "_symmetry_space_group_name_hall"]
    static let hermannMauguinTags = ["_space_group_name_h-m_alt", "_symmetry_space_group_name_h-m", "_symmetry_space_group_name_h_m",
                                     "_space_group_name_h-m", "_space_group_name_h-m_full"]
    static let numberTags = ["_space_group_it_number", "_symmetry_int_tables_number", "_space_group_number"]

    /// Symmetry in the order the issue fixes: explicit operations, else the Hall symbol, else the H-M name,
    /// else the International Tables number; with none of them the block is taken as P1 (warning).
    mutating func readSymmetry() -> Symmetry? {
        var symmetry = Symmetry(operations: [])
        symmetry.declaredNumber = declaredNumberTag()
        symmetry.declaredSymbol = declaredSymbolTag()

        for tag in Self.operationTags {
            guard let values = tags.values(tag), !values.isEmpty else { continue }
            var operations = [SymmetryOperation]()
            var failed: CIFValue?
            for value in values {
                let text = document.string(value)
                if let op = SymmetryOperation(xyz: text) {
                    operations.append(op)
                } else {
                    failed = value
                    break
                }
            }
            if let failed {
                warn(.symmetry, line: Int(failed.line), "symmetry operation '\(document.string(failed).prefix(40))' cannot be read; trying the space group name")
                continue
            }
            if tag == "_space_group_symop_magn_operation_xyz", let centering = tags.values("_space_group_symop_magn_centering_xyz") {
                let centerings = centering.compactMap { SymmetryOperation(xyz: document.string($0)) }
                if !centerings.isEmpty {
                    operations = operations.flatMap { op in
                        centerings.map { c in SymmetryOperation(rotation: op.rotation, translation: op.translation + c.translation) }
                    }
                }
            }
            symmetry.operations = operations
            if symmetry.declaredNumber == nil { symmetry.declaredNumber = declaredNumberFromSymbols() }
            return symmetry
        }
        if let (operations, number) = operationsFromSymbols() {
            symmetry.operations = operations
            if symmetry.declaredNumber == nil { symmetry.declaredNumber = number }
            return symmetry
        }
        if let number = symmetry.declaredNumber, let hall = SpaceGroupTable.hallNumber(spaceGroupNumber: number) {
            symmetry.operations = SpaceGroupTable.operations(hallNumber: hall)
            return symmetry
        }
        var unreadable = [String]()
        for tag in Self.hallTags + Self.hermannMauguinTags {
            if let value = tags.value(tag), !value.isNull { unreadable.append("'\(document.string(value))'") }
        }
        if !unreadable.isEmpty {
            return fail(.symmetry, line: block.line, "space group \(unreadable.joined(separator: ", ")) is not recognised and no symmetry operations are given")
        }
        warn(.symmetry, line: block.line, "no symmetry operations or space group given; taken as P1")
        symmetry.operations = [.identity]
        return symmetry
    }

    /// The declared space group number; anything but a whole number from 1 to 230 is a warning and ignored.
    mutating func declaredNumberTag() -> Int? {
        for tag in Self.numberTags {
            guard let value = tags.value(tag), !value.isNull else { continue }
            // Compared as a double: a number beyond Int's range (a fuzz finding) must not trap.
            if let number = document.number(value), number >= 1, number <= 230, number == number.rounded(.down) {
                return Int(number)
            }
            warn(.symmetry, line: Int(value.line), "\(tag) '\(document.string(value).prefix(20))' is not a space group number (1-230); ignored")
        }
        return nil
    }

    func declaredSymbolTag() -> String? {
        for tag in Self.hermannMauguinTags {
            if let value = tags.value(tag), !value.isNull { return document.string(value).trimmingSpaces() }
        }
        return nil
    }

    /// Operations from the Hall symbol, else the H-M name; with the space group number when it is known.
    func operationsFromSymbols() -> ([SymmetryOperation], Int?)? {
        for tag in Self.hallTags {
            if let value = tags.value(tag), !value.isNull, let hall = SpaceGroupTable.hallNumber(hallSymbol: document.string(value)) {
                return (SpaceGroupTable.operations(hallNumber: hall), SpaceGroupTable.settings[hall - 1].number)
            }
        }
        for tag in Self.hermannMauguinTags {
            guard let value = tags.value(tag), !value.isNull else { continue }
            let name = document.string(value)
            if let hall = SpaceGroupTable.hallNumber(hermannMauguin: name) {
                return (SpaceGroupTable.operations(hallNumber: hall), SpaceGroupTable.settings[hall - 1].number)
            }
            if let operations = SpaceGroupTable.operations(hermannMauguin: name) { return (operations, nil) }
        }
        return nil
    }

    func declaredNumberFromSymbols() -> Int? { operationsFromSymbols()?.1 }
}

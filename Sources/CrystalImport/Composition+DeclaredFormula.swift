import CrystalModel

extension Composition {
    /// True when this composition (from the sites) agrees with a formula the file declares: every element of the
    /// sites is declared, and over the elements both name, each one's share differs from the declared share by at
    /// most `Tolerances.formulaAgreement` of it. Declared elements the sites lack (unlocated hydrogen) are left out.
    func agrees(withDeclared declared: Composition) -> Bool {
        guard !isEmpty, elements.allSatisfy({ declared.amount(of: $0) > 0 }) else { return false }
        let ours = totalAmount
        let theirs = elements.reduce(0) { $0 + declared.amount(of: $1) }
        guard ours > 0, theirs > 0 else { return false }
        for (element, amount) in amounts {
            let share = amount / ours, declaredShare = declared.amount(of: element) / theirs
            if abs(share - declaredShare) > Tolerances.formulaAgreement * declaredShare { return false }
        }
        return true
    }
}

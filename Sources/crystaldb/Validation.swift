import ArgumentParser

/// Argument checks shared by the commands' `validate()`: each failure names the option first
/// (`--ltol: must be ...`), so usage errors read like runtime errors (`error: <where>: <what>`).
enum Validation {
    /// A finite number in `range` (open at the lower end when `lowerOpen`).
    static func number(_ value: Double, _ option: String, above lower: Double, orEqual: Bool = false, atMost upper: Double? = nil,
                       what: String) throws {
        let aboveLower = orEqual ? value >= lower : value > lower
        guard value.isFinite, aboveLower, upper.map({ value <= $0 }) ?? true else {
            throw ValidationError("\(option): must be \(what) (got \(value))")
        }
    }

    static func integer(_ value: Int, _ option: String, atLeast lower: Int, atMost upper: Int? = nil) throws {
        guard value >= lower, upper.map({ value <= $0 }) ?? true else {
            let range = upper.map { "from \(lower) to \($0)" } ?? "at least \(lower)"
            throw ValidationError("\(option): must be \(range) (got \(value))")
        }
    }

    static func nonEmpty(_ value: String, _ option: String) throws {
        guard !value.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("\(option): must not be empty") }
    }
}

import Foundation

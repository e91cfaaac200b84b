/// How often each space group occurs in real crystals: its count among the 1,966 ordered structures of
/// ../shared/data that are not spglib's test set (COD, Materials Project, JARVIS, MatterGen and pymatgen files, their
/// space groups as pymatgen's answers give them), plus one, so that every group can be drawn.
public enum SpaceGroupFrequency {
    /// Weights of space groups 1...230.
    public static let weights: [Int] = [
        187, 208, 3, 14, 36, 69, 8, 77, 10, 11, 21, 95, 5, 158, 57, 2, 2, 2, 42, 2,
        3, 4, 2, 2, 16, 5, 1, 2, 5, 2, 11, 2, 13, 3, 3, 2, 2, 35, 3, 2,
        2, 2, 4, 7, 1, 2, 6, 2, 2, 3, 6, 2, 4, 2, 2, 3, 6, 2, 6, 5,
        24, 32, 27, 12, 6, 2, 2, 3, 7, 4, 19, 3, 2, 2, 1, 3, 1, 2, 2, 2,
        2, 5, 2, 2, 2, 2, 3, 4, 1, 2, 2, 3, 1, 2, 2, 2, 2, 2, 18, 2,
        1, 2, 1, 1, 3, 1, 12, 2, 2, 2, 2, 2, 2, 2, 2, 3, 1, 2, 7, 1,
        4, 4, 17, 2, 2, 2, 7, 2, 7, 3, 3, 2, 1, 2, 2, 10, 2, 2, 19, 3,
        6, 3, 2, 2, 2, 21, 7, 24, 6, 3, 2, 7, 1, 2, 3, 19, 2, 5, 2, 18,
        2, 6, 10, 18, 4, 41, 9, 1, 2, 1, 1, 1, 2, 2, 1, 4, 1, 2, 2, 2,
        2, 2, 2, 1, 2, 16, 19, 2, 4, 2, 6, 2, 2, 40, 1, 1, 2, 3, 2, 2,
        3, 3, 2, 6, 6, 3, 1, 2, 1, 1, 1, 2, 2, 2, 2, 33, 5, 2, 2, 3,
        67, 1, 2, 2, 56, 2, 28, 1, 24, 9,
    ]

    /// A space group number drawn with these weights.
    public static func draw<R: RandomNumberGenerator>(using rng: inout R) -> Int {
        let total = weights.reduce(0, +)
        var pick = Int.random(in: 0..<total, using: &rng)
        for (index, weight) in weights.enumerated() {
            if pick < weight { return index + 1 }
            pick -= weight
        }
        return 230
    }
}

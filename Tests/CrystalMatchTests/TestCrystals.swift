import CrystalModel

/// Small hand-built crystals for the matcher's tests.
enum TestCrystals {
    static func element(_ symbol: String) -> Element { Element(symbol: symbol)! }

    /// Rock salt in its conventional cell (8 sites), a in Å.
    static func rockSalt(a: Double = 5.64) -> Structure {
        let lattice = Lattice(rows: [[a, 0, 0], [0, a, 0], [0, 0, a]])
        var sites = [Site]()
        for p in [Vector3(0, 0, 0), Vector3(0, 0.5, 0.5), Vector3(0.5, 0, 0.5), Vector3(0.5, 0.5, 0)] {
            sites.append(Site(element: element("Na"), position: p))
            let q = p + Vector3(0.5, 0, 0)
            sites.append(Site(element: element("Cl"), position: q - q.rounded(.down)))
        }
        return Structure(lattice: lattice, sites: sites)
    }

    /// Caesium chloride type NaCl (2 sites): same composition as rock salt, another structure.
    static func caesiumChlorideType(a: Double = 3.35) -> Structure {
        Structure(lattice: Lattice(rows: [[a, 0, 0], [0, a, 0], [0, 0, a]]),
                  sites: [Site(element: element("Na"), position: Vector3(0, 0, 0)), Site(element: element("Cl"), position: Vector3(0.5, 0.5, 0.5))])
    }

    /// Body-centred iron in its conventional cell (2 sites).
    static func bccIron(a: Double = 2.87) -> Structure {
        Structure(lattice: Lattice(rows: [[a, 0, 0], [0, a, 0], [0, 0, a]]),
                  sites: [Site(element: element("Fe"), position: Vector3(0, 0, 0)), Site(element: element("Fe"), position: Vector3(0.5, 0.5, 0.5))])
    }

    /// Eight different elements on a 2x2x2 grid in a 6 Å cube: no translation maps it onto itself.
    static func eightElements() -> Structure {
        let symbols = ["Li", "Be", "Na", "Mg", "K", "Ca", "Rb", "Sr"]
        var sites = [Site]()
        for (k, symbol) in symbols.enumerated() {
            let p = Vector3(Double(k & 1) * 0.5, Double((k >> 1) & 1) * 0.5, Double((k >> 2) & 1) * 0.5)
            sites.append(Site(element: element(symbol), position: p + Vector3(0.1, 0.1, 0.1)))
        }
        return Structure(lattice: Lattice(rows: [[6, 0, 0], [0, 6, 0], [0, 0, 6]]), sites: sites)
    }

    /// Site `index` moved by `displacement` (Å, Cartesian).
    static func displaced(_ s: Structure, site index: Int, by displacement: Vector3) -> Structure {
        var out = s
        out.sites[index].position += s.lattice.fractional(displacement)!
        return out
    }
}

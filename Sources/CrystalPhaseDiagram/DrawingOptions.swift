/// What a drawing of a phase diagram shows.
public struct DrawingOptions: Sendable {
    /// Which points get a formula label.
    public enum Labels: String, Sendable, CaseIterable {
        /// Stable phases (not the elements: the corners and ends name them).
        case stable
        /// Every drawn point.
        case all
        case none
    }

    /// Unstable points up to this far above the hull are drawn (eV/atom; pymatgen's PDPlotter shows 0.2).
    public var maximumEnergyAboveHull: Double
    public var labels: Labels
    /// Entries of this import source are marked in their own colour and legend entry.
    public var highlight: String?

    public init(maximumEnergyAboveHull: Double = 0.2, labels: Labels = .stable, highlight: String? = nil) {
        self.maximumEnergyAboveHull = maximumEnergyAboveHull
        self.labels = labels
        self.highlight = highlight
    }

    /// Whether a point is drawn: stable, below the hull, or within the cutoff.
    public func isDrawn(_ point: PhaseDiagram.Point) -> Bool {
        point.isStable || point.energyAboveHull <= maximumEnergyAboveHull
    }
}

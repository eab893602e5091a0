/// The models a daemon uses when nobody chose one. Settings (`model`, `vision_model`) override both.
public enum ModelDefaults {
    /// Text requests. Recorded 2026-12-07: MiMo's flagship since 2026-09-22 (world-2026-12.md §1).
    public static let text = "mimo-v2.6-pro"
    /// Requests with images, when the text model does not take them. Recorded 2026-12-07: the v2.6
    /// model every source agrees takes images (world-2026-12.md §1).
    public static let images = "mimo-v2.6-flash"

    /// The default for a family alias when the lineup knows no model of it.
    static func model(of family: MimoModelName.Family) -> String {
        switch family {
        case .pro: text
        case .flash: images
        case .proUltraspeed: "mimo-v2.6-pro-ultraspeed"
        }
    }
}

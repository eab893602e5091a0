/// `models`: what the upstream serves, which model serves text and which images, and the legacy names.
public struct ModelsReport: Codable, Sendable, Equatable {
    /// The upstream asked.
    public var upstream: String
    /// When its model list was last read (ISO 8601); nil while it never was (the known current
    /// models are shown instead).
    public var fetchedAt: String?
    /// Why the latest read failed, when it did.
    public var readError: String?
    /// How the text model resolved (`v2.5-pro (retired 2026-10-21) → mimo-v2.6-pro`) and its id.
    public var text: String
    public var textID: String
    public var images: String
    public var imagesID: String
    public var models: [Served]
    public var legacy: [Legacy]

    /// One model the upstream serves.
    public struct Served: Codable, Sendable, Equatable {
        public var id: String
        public var displayName: String
        /// "text", "images", both or none: what the daemon sends to it.
        public var uses: [String]
        /// "takes images", "refused an image (learned)", "text only", "untested (disputed)".
        public var images: String

        public init(id: String, displayName: String, uses: [String], images: String) {
            self.id = id
            self.displayName = displayName
            self.uses = uses
            self.images = images
        }
    }

    /// A retired name people still type, and where its requests go.
    public struct Legacy: Codable, Sendable, Equatable {
        public var name: String
        public var retiredOn: String
        public var successor: String
        /// The upstream still lists the old id, so it is passed through unchanged.
        public var stillServed: Bool

        public init(name: String, retiredOn: String, successor: String, stillServed: Bool) {
            self.name = name
            self.retiredOn = retiredOn
            self.successor = successor
            self.stillServed = stillServed
        }
    }

    public init(upstream: String, fetchedAt: String?, readError: String?, text: String, textID: String, images: String,
                imagesID: String, models: [Served], legacy: [Legacy]) {
        self.upstream = upstream
        self.fetchedAt = fetchedAt
        self.readError = readError
        self.text = text
        self.textID = textID
        self.images = images
        self.imagesID = imagesID
        self.models = models
        self.legacy = legacy
    }
}

/// The rejections whose text MiMo's docs or public issues quote (mimo-api.md §3, §4, §8). Bridges match on
/// these texts, so they are kept verbatim and apart from the texts we made up.
extension MimoRejection {
    /// §4.3: a historical assistant message with `tool_calls` lacks `reasoning_content` in thinking mode.
    public static let reasoningContentMissing = MimoRejection.paramIncorrect(
        "The reasoning_content in the thinking mode must be passed back to the API.")

    /// §4.2: an empty text part, a user message whose only parts are images, or list content in a `tool`
    /// message (XiaomiMiMo/MiMo#44).
    public static let textNotSet = MimoRejection.paramIncorrect("text is not set")

    /// §4.4: `"strict": null` (or any non-bool) on a function tool.
    public static let strictNotBoolean = MimoRejection.paramIncorrect("Input should be a valid boolean")

    /// §4.4: two tools with the same name, typically after flattening namespaces.
    public static let duplicateToolNames = MimoRejection.paramIncorrect("tools contains duplicate names")

    /// §4.4: the built-in `web_search` tool without the paid plugin (never available on Token Plan keys).
    public static let webSearchDisabled = MimoRejection.paramIncorrect("webSearchEnabled is false")

    /// world-2026-12.md §1: a retired id (the v2.5 line since 2026-10-21). The message is documented;
    /// the detail is ours.
    public static func modelNotSupported(_ model: String) -> MimoRejection {
        MimoRejection(status: 400, message: "Not supported model", param: model)
    }

    /// §3: an image sent to a text-only model. The message is documented; the detail is ours.
    public static func imageInputUnsupported(model: String) -> MimoRejection {
        MimoRejection(
            status: 404, message: "No endpoints found that support image input",
            param: "\(model) does not accept image input")
    }
}

/// The 401 text when neither the request nor the daemon has a MiMo key: every place a key can be
/// put, in the order the daemon looks.
public enum MissingKeyAdvice {
    public static let message = """
        ccmimolink has no MiMo API key for this request. Put one in any of these places:
        1. Codex: keep your MiMo key in cc-switch's MiMo provider and run `ccmimoctl sync`; Codex then \
        sends it (from auth.json, or from the provider's env_key variable) as `Authorization: Bearer <key>`.
        2. The daemon, as a systemd credential: write the key to a file only you can read, e.g. \
        ~/.config/ccmimolink/\(name) (chmod 600), add `LoadCredential=\(name):%h/.config/ccmimolink/\(name)` \
        to a drop-in (`systemctl --user edit ccmimolinkd.service`), or encrypt it with `systemd-creds encrypt` \
        and use `LoadCredentialEncrypted=\(name):<file>`; then `systemctl --user restart ccmimolinkd.service`.
        3. The daemon's environment: `\(APIKeyResolver.environmentVariable)=<key>`.
        MiMo keys start with `sk-` (pay-as-you-go) or `tp-`/`ttp-` (Token Plan).
        """

    private static var name: String { APIKeyResolver.credentialName }
}

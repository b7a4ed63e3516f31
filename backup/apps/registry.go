package apps

// registry is every format, in the order Formats lists them. Detect tries
// its own content rules (detect.go), not this order.
var registry = []struct {
	Format
	read reader
}{
	{Format{Name: "aegis", Title: "Aegis", Exts: []string{".json"}, Encrypted: true, detect: true,
		Hint: "Aegis: Settings → Import & Export → Export, encrypted or not"}, readAegis},
	{Format{Name: "2fas", Title: "2FAS Authenticator", Exts: []string{".2fas", ".json"}, Encrypted: true, detect: true,
		Hint: "2FAS: Settings → 2FAS Backup → Export to file (schema versions 1 to 4)"}, readTwoFAS},
	{Format{Name: "andotp", Title: "andOTP", Exts: []string{".json", ".json.aes", ".bin"}, Encrypted: true, detect: true,
		Hint: "andOTP: Backups → plain-text or encrypted backup (new and old encrypted formats)"}, readAndOTP},
	{Format{Name: "stratum", Title: "Stratum / Authenticator Pro", Exts: []string{".stratum", ".authpro", ".json", ".bin", ".db3"}, Encrypted: true, detect: true,
		Hint: "Stratum (Authenticator Pro): Backup → Backup to file; or its authenticator.db3 (root)"}, readStratum},
	{Format{Name: "freeotp", Title: "FreeOTP", Exts: []string{".xml"}, Encrypted: true, detect: true,
		Hint: "FreeOTP 2: Backup → externalBackup.xml; FreeOTP 1: shared_prefs/tokens.xml (root)"}, readFreeOTP},
	{Format{Name: "freeotp-plus", Title: "FreeOTP+", Exts: []string{".json", ".xml"}, detect: true,
		Hint: "FreeOTP+: Export → JSON; or shared_prefs/tokens.xml (root)"}, readFreeOTPPlus},
	{Format{Name: "bitwarden", Title: "Bitwarden", Exts: []string{".json", ".csv"}, detect: true,
		Hint: "Bitwarden: Tools → Export vault → .json or .csv (not the encrypted .json)"}, readBitwarden},
	{Format{Name: "ente", Title: "Ente Auth", Exts: []string{".txt"}, detect: true,
		Hint: "Ente Auth: Settings → Data → Export codes → plain text"}, readEnte},
	{Format{Name: "proton", Title: "Proton Authenticator", Exts: []string{".json"}, detect: true,
		Hint: "Proton Authenticator: Settings → Export (unencrypted)"}, readProton},
	{Format{Name: "google-authenticator", Title: "Google Authenticator database", Exts: []string{"databases", ".db", ".sqlite"}, Internal: true, detect: true,
		Hint: "Google Authenticator up to 5.10: databases/databases (root); later versions: use its Transfer accounts QR codes"}, readGoogleAuth},
	{Format{Name: "microsoft-authenticator", Title: "Microsoft Authenticator database", Exts: []string{"phonefactor", ".db", ".sqlite"}, Internal: true, detect: true,
		Hint: "Microsoft Authenticator: databases/PhoneFactor (root)"}, readMicrosoft},
	{Format{Name: "authy", Title: "Authy", Exts: []string{".xml"}, Encrypted: true, Internal: true, detect: true,
		Hint: "Authy: shared_prefs/com.authy.storage.tokens.authenticator.xml (root); the password is the backup password"}, readAuthy},
	{Format{Name: "battlenet", Title: "Battle.net Authenticator", Exts: []string{".xml"}, Internal: true, detect: true,
		Hint: "Battle.net: shared_prefs/com.blizzard.messenger.authenticator_preferences.xml (root)"}, readBattleNet},
	{Format{Name: "duo", Title: "Duo Mobile", Exts: []string{".json"}, Internal: true, detect: true,
		Hint: "Duo Mobile: files/duokit/accounts.json (root)"}, readDuo},
	{Format{Name: "steam", Title: "Steam Guard", Exts: []string{".mafile", ".json"}, Internal: true, detect: true,
		Hint: "Steam: files/Steamguard-<id> (root), or a Steam Desktop Authenticator .maFile (not encrypted)"}, readSteam},
	{Format{Name: "totp-authenticator", Title: "TOTP Authenticator", Exts: []string{".bin", ".xml"}, Encrypted: true, detect: true,
		Hint: "TOTP Authenticator: Backup → .bin file; or shared_prefs/TOTP_Authenticator_Preferences.xml (root)"}, readTotpAuth},
	{Format{Name: "authenticator-plus", Title: "Authenticator Plus", Exts: []string{".zip"}, Encrypted: true, detect: true,
		Hint: "Authenticator Plus: Settings → Backup & Restore → Export as Text and HTML (password-protected ZIP)"}, readAuthPlus},
	{Format{Name: "otpauth", Title: "otpauth URI list", Exts: []string{".txt"}, detect: true,
		Hint: "a text file with one otpauth:// (or otpauth-migration://) URI per line"}, readPlain},
	{Format{Name: "winauth", Title: "WinAuth", Exts: []string{".txt"},
		Hint: "WinAuth: Export → text file of otpauth URIs; chosen by name only, as it looks like any URI list"}, readWinAuth},
}

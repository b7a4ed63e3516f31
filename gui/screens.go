package gui

// Screen names: what show records in u.screen, UI.Screen reports, the
// ticker and the shortcuts check, and LIFELINE_LOG_SCREEN prints
// ("lifeline: screen accounts", which the CLI's smoke test waits for).
// Dialogs are not screens: they show over one of these.
const (
	screenFirstRun = "first run"    // welcome, create a vault, fresh-device restore
	screenRecovery = "recovery key" // the recovery key, after creating or from Settings
	screenUnlock   = "unlock"
	screenList     = "accounts"
	screenAdd      = "add"
	screenEdit     = "edit"
	screenDetails  = "details"
	screenCodes    = "recovery codes" // the recovery-codes panel of one account
	screenSettings = "settings"
	screenBackups  = "backups"
	screenSeveral  = "several computers" // Settings → Use on several computers
	screenQRExport = "qr export"         // Google Authenticator migration codes, one by one
	screenReady    = "readiness"         // what is missing to get back in after losing this computer
	screenLost     = "lost device"
)

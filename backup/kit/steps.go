package kit

// KeyTyping is how a recovery key may be typed, in the words the kit, the
// window and the CLI use wherever a key is asked for.
const KeyTyping = "Dashes, spaces and case do not matter. The key uses no I, L or O: if you read one, type 1 or 0."

// RestoreButton and ScanButton are the window's buttons the restore steps
// name; the window labels its buttons with them.
const (
	RestoreButton = "Restore from a backup"
	ScanButton    = "Scan the kit’s QR code"
)

// RestoreSteps are the steps back in after losing the computer: the kit
// prints them under "If you lose this computer", the first-run screen
// shows them from step 2 on, and the README lists them (a test checks
// that all three say the same).
var RestoreSteps = []string{
	"Install Lifeline on the new computer: " + ProjectURL + ".",
	"In Lifeline, click “" + RestoreButton + "” and choose your most recent backup (its name ends in .age), or drop the file onto the window.",
	"When it asks for the recovery key, click “" + ScanButton + "” (the kit’s PDF or a photo of it, or the screen) or type the key. " + KeyTyping,
	"Choose a new password. Your accounts come back with their recovery codes, groups and notes.",
}

// Copy is a place off this computer that holds backups of the vault, as
// the kit prints it under "Where your backups are": the path, and what is
// there and why it survives the computer.
type Copy struct {
	Path string
	What string
}

// NoCopyWarning is printed, in bold, when no backup is known to be off
// this computer, with what to do about it.
const NoCopyWarning = "You have no backup off this computer. Make one: in Lifeline, Settings, Backups…, Change folder… to a USB drive or a synced folder (Dropbox, OneDrive, Syncthing), or Settings, Export… to one (lifeline backup config --folder DIR, lifeline export FILE). Then print a new kit."

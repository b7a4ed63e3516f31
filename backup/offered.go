package backup

import (
	"fmt"
	"strings"
	"unicode"
)

// The backup settings a backup carries are never taken silently: an extra
// recipient in a planted file would open every backup made afterwards. A
// fresh-device restore takes them only when the person opts in
// (FreshOptions.AdoptSettings); a merge into an existing vault never takes
// them (Apply changes accounts and tombstones only).

// OfferedSettings names, in words, the backup settings o holds that differ
// from the defaults: what adopting them would set. Nil when there are none.
func (o *Opened) OfferedSettings() []string {
	s := DefaultSettings()
	found, err := o.Doc.Setting(SettingsKey, &s)
	if !found {
		return nil
	}
	if err != nil {
		return []string{"backup settings that cannot be read"}
	}
	var out []string
	for _, r := range s.Recipients {
		out = append(out, "backups also encrypted to "+printable(r))
	}
	if s.Folder != "" {
		out = append(out, "backup folder "+printable(s.Folder))
	}
	switch {
	case s.Keep == 0:
		out = append(out, "keep every automatic backup")
	case s.Keep != DefaultKeep && s.Keep > 0:
		out = append(out, fmt.Sprintf("keep the newest %d automatic backups", s.Keep))
	}
	if s.Off {
		out = append(out, "automatic backups off")
	}
	return out
}

// SettingsNotTaken is said, after OfferedSettings, when a restore does not
// take them: fresh tells a new vault (which gets the defaults) from a merge
// (which keeps this vault's own).
func SettingsNotTaken(fresh bool) string {
	if fresh {
		return "They are not taken unless you choose to: the new vault gets the default backup settings."
	}
	return "They are not taken: this vault keeps its own backup settings."
}

// printable is s with anything that is not a printable character replaced,
// so a file's text cannot move the terminal's cursor.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsPrint(r) {
			return r
		}
		return '?'
	}, s)
}

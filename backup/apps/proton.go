package apps

import (
	"encoding/json"

	"github.com/lifelineauth/lifeline/core"
)

// Proton Authenticator's unencrypted export: {"version": 1, "entries":
// [{"content": {"uri", "entry_type", "name"}, "note"}]}. The URI carries the
// parameters (otpauth://, or steam://SECRET for Steam); the name shown in
// the app is content.name.
type protonFile struct {
	Version int `json:"version"`
	Entries []struct {
		Content struct {
			URI       string `json:"uri"`
			EntryType string `json:"entry_type"`
			Name      string `json:"name"`
		} `json:"content"`
		Note *string `json:"note"`
	} `json:"entries"`
}

func readProton(data []byte, _ *passwordSource, out *results) error {
	var f protonFile
	if err := json.Unmarshal(data, &f); err != nil {
		return damaged("not a Proton Authenticator export: %v", err)
	}
	if f.Version > 1 {
		return unsupported("export version %d (this importer reads version 1)", f.Version)
	}
	for i, e := range f.Entries {
		a, err := uriOrSecret(e.Content.URI)
		if err != nil {
			a.Name = e.Content.Name
			return damaged("entry %d (%s): %v", i+1, label(&a, i), err)
		}
		if a.Type == core.Steam && a.Issuer == "" {
			a.Issuer = "Steam"
		}
		if e.Content.Name != "" {
			a.Name = e.Content.Name
		}
		if e.Note != nil {
			a.Note = *e.Note
		}
		out.add(a)
	}
	return nil
}

package apps

import (
	"encoding/json"

	"github.com/lifelineauth/lifeline/core"
)

// readEnte reads Ente Auth's plain-text export: otpauth URIs with an extra
// codeDisplay parameter, JSON such as {"pinned":false,"trashed":false,
// "tags":["work"]}. Pinned codes become favourites, tags groups, and codes
// in Ente's trash are skipped. (Ente's encrypted export is not read; see
// detect.go.)
func readEnte(data []byte, _ *passwordSource, out *results) error {
	var enc struct {
		KDFParams     any `json:"kdfParams"`
		EncryptedData any `json:"encryptedData"`
	}
	if json.Unmarshal(data, &enc) == nil && enc.KDFParams != nil {
		// libsodium's secretstream with Argon2id; not worth a second
		// crypto stack when Ente exports plain text too.
		return unsupported("this is Ente's encrypted export; in Ente Auth choose Export codes → plain text instead")
	}
	for i, line := range splitLines(data) {
		if line == "" {
			continue
		}
		a, err := core.ParseURI(line)
		if err != nil {
			return damaged("line %d: %v", i+1, err)
		}
		var d struct {
			Pinned  bool     `json:"pinned"`
			Trashed bool     `json:"trashed"`
			Tags    []string `json:"tags"`
		}
		if raw := queryParam(line, "codeDisplay"); raw != "" {
			if err := json.Unmarshal([]byte(raw), &d); err != nil {
				return damaged("line %d: codeDisplay is not JSON: %v", i+1, err)
			}
		}
		if d.Trashed {
			out.skip(label(&a, i), "in Ente's trash")
			continue
		}
		a.Favorite = d.Pinned
		for _, t := range d.Tags {
			if t != "" {
				a.Groups = append(a.Groups, t)
			}
		}
		out.add(a)
	}
	return nil
}

package apps

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"strings"

	"github.com/lifelineauth/lifeline/core"
)

// Bitwarden's unencrypted export, JSON or CSV. Only items with a TOTP field
// are read; the field holds an otpauth URI, steam://SECRET, or a bare Base32
// secret (then the item's name is the issuer and its username the name).
// Folders become groups.
type bitwardenItem struct {
	Name     string  `json:"name"`
	FolderID *string `json:"folderId"`
	Favorite bool    `json:"favorite"`
	Login    *struct {
		Username *string `json:"username"`
		TOTP     *string `json:"totp"`
	} `json:"login"`
}

func readBitwarden(data []byte, _ *passwordSource, out *results) error {
	trimmed := bytes.TrimSpace(bytes.TrimPrefix(data, utf8BOM))
	if !bytes.HasPrefix(trimmed, []byte("{")) {
		return readBitwardenCSV(trimmed, out)
	}
	var f struct {
		Encrypted bool `json:"encrypted"`
		Folders   []struct {
			ID   string `json:"id"`
			Name string `json:"name"`
		} `json:"folders"`
		Items []bitwardenItem `json:"items"`
	}
	if err := json.Unmarshal(trimmed, &f); err != nil {
		return damaged("not a Bitwarden export: %v", err)
	}
	if f.Encrypted {
		return unsupported("this is an encrypted Bitwarden export; export again choosing the .json format, not .json (Encrypted)")
	}
	folders := map[string]string{}
	for _, fo := range f.Folders {
		folders[fo.ID] = fo.Name
	}
	for i, it := range f.Items {
		if it.Login == nil || it.Login.TOTP == nil || strings.TrimSpace(*it.Login.TOTP) == "" {
			continue // a login without two-factor codes
		}
		user, folder := "", ""
		if it.Login.Username != nil {
			user = *it.Login.Username
		}
		if it.FolderID != nil {
			folder = folders[*it.FolderID]
		}
		if err := bitwardenAdd(out, i, *it.Login.TOTP, it.Name, user, folder, it.Favorite); err != nil {
			return err
		}
	}
	return nil
}

func readBitwardenCSV(data []byte, out *results) error {
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return damaged("not a Bitwarden CSV export: %v", err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(h)] = i
	}
	if _, ok := col["login_totp"]; !ok {
		return damaged("CSV has no login_totp column: not a Bitwarden export")
	}
	get := func(rec []string, name string) string {
		if i, ok := col[name]; ok && i < len(rec) {
			return rec[i]
		}
		return ""
	}
	for i := 0; ; i++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return damaged("CSV: %v", err)
		}
		totp := get(rec, "login_totp")
		if strings.TrimSpace(totp) == "" {
			continue
		}
		fav := get(rec, "favorite") == "1"
		if err := bitwardenAdd(out, i, totp, get(rec, "name"), get(rec, "login_username"), get(rec, "folder"), fav); err != nil {
			return err
		}
	}
}

func bitwardenAdd(out *results, i int, totp, item, user, folder string, favorite bool) error {
	a, err := uriOrSecret(totp)
	if err != nil {
		a.Issuer = item
		return damaged("item %d (%s): %v", i+1, label(&a, i), err)
	}
	switch {
	case a.Type == core.Steam && a.Issuer == "" && a.Name == "":
		// steam://SECRET carries no label; Aegis names it the same way.
		a.Issuer, a.Name = "Steam", "Steam account"
	case a.Issuer == "" && a.Name == "":
		a.Issuer, a.Name = item, user
	}
	a.Favorite = favorite
	a.Groups = groupNames(folder)
	out.add(a)
	return nil
}

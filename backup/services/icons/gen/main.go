// Command gen rebuilds the icon subset in backup/services/icons from the
// simple-icons npm package (CC0): `make icons`, or
//
//	go run ./backup/services/icons/gen -version 16.37.0
//
// It takes the package with `npm pack` (or, without npm, straight from
// registry.npmjs.org, checking the registry's sha512), keeps the icons the
// services table names and those of the common issuers listed below, and
// writes simple-icons.json, LICENSE.md and NOTICE beside the icons
// package. -tgz reads a tarball already on disk instead.
package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// common are icons kept beside the table's: issuers people often have
// that the table does not describe (yet).
var common = []string{
	"youtube", "gmail", "googledrive", "protonmail", "protonvpn", "icloud", "trello", "jira", "confluence",
	"mozilla", "firefox", "duckduckgo", "signal", "whatsapp", "threads", "matrix", "element", "nvidia",
	"samsung", "xiaomi", "huawei", "spotify", "netflix", "wikipedia", "gitea", "sourcehut", "terraform",
	"auth0", "trezor", "n26", "monzo", "bunq", "klarna", "cashapp", "chase", "hsbc", "starlingbank",
	"xero", "quickbooks", "gusto", "miro", "clickup", "todoist", "intercom", "duolingo",
	"bookingdotcom", "lyft", "ubereats", "vultr", "mullvad", "cryptomator", "syncthing", "packagist",
	"tryhackme", "replit", "claude", "bitcoin", "ethereum", "ovh", "ionos", "hostinger", "squarespace", "wix",
}

type meta struct {
	Title   string `json:"title"`
	Slug    string `json:"slug"`
	Hex     string `json:"hex"`
	Aliases struct {
		Aka []string `json:"aka"`
	} `json:"aliases"`
}

// icon is one entry of the subset (backup/services/icons reads it).
type icon struct {
	Slug    string   `json:"slug"`
	Title   string   `json:"title"`
	Hex     string   `json:"hex"`
	Aliases []string `json:"aliases,omitempty"`
	Path    string   `json:"path"`
}

// onePath is the form every simple-icons SVG has: one path, 24×24.
var onePath = regexp.MustCompile(`^<svg role="img" viewBox="0 0 24 24" xmlns="http://www.w3.org/2000/svg"><title>[^<]*</title><path d="([^"]+)"/></svg>\s*$`)

func main() {
	version := flag.String("version", "16.37.0", "simple-icons version to take")
	tgz := flag.String("tgz", "", "read this simple-icons tarball instead of fetching one")
	out := flag.String("out", "backup/services/icons", "folder of the icons package")
	flag.Parse()
	if err := run(*version, *tgz, *out); err != nil {
		fmt.Fprintln(os.Stderr, "icons:", err)
		os.Exit(1)
	}
}

func run(version, tgz, out string) error {
	data, integrity, err := fetch(version, tgz)
	if err != nil {
		return err
	}
	files, err := untar(data)
	if err != nil {
		return err
	}
	var all []meta
	if err := json.Unmarshal(files["package/data/simple-icons.json"], &all); err != nil {
		return fmt.Errorf("data/simple-icons.json: %w", err)
	}
	want, err := wanted(filepath.Join(out, "..", "services.json"))
	if err != nil {
		return err
	}
	subset, err := pick(all, files, want)
	if err != nil {
		return err
	}
	js, err := json.MarshalIndent(subset, "", "  ")
	if err != nil {
		return err
	}
	notice := fmt.Sprintf("Brand icons from simple-icons %s (https://simpleicons.org, npm package simple-icons,\n"+
		"integrity %s), CC0 1.0 Universal: see LICENSE.md, copied from the package.\n"+
		"simple-icons asks that brand guidelines be respected; the icons stand for the\n"+
		"services they name, and Lifeline is not endorsed by any of them.\n\n"+
		"%d icons, written by `make icons` (backup/services/icons/gen) into simple-icons.json:\n"+
		"each icon's title, brand colour (hex), aliases and path, as the package has them\n"+
		"(the path with its numbers spaced apart, which Fyne's SVG reader needs; the same drawing).\n", version, integrity, len(subset))
	for name, b := range map[string][]byte{"simple-icons.json": append(js, '\n'), "LICENSE.md": files["package/LICENSE.md"], "NOTICE": []byte(notice)} {
		if err := os.WriteFile(filepath.Join(out, name), b, 0o644); err != nil {
			return err
		}
	}
	fmt.Printf("icons: %d icons from simple-icons %s\n", len(subset), version)
	return nil
}

// wanted is every slug the table names, then the common ones.
func wanted(servicesJSON string) ([]string, error) {
	raw, err := os.ReadFile(servicesJSON)
	if err != nil {
		return nil, err
	}
	var list []struct {
		Icon string `json:"icon"`
	}
	if err := json.Unmarshal(raw, &list); err != nil {
		return nil, fmt.Errorf("%s: %w", servicesJSON, err)
	}
	want := slices.Clone(common)
	for _, s := range list {
		if s.Icon != "" {
			want = append(want, s.Icon)
		}
	}
	slices.Sort(want)
	return slices.Compact(want), nil
}

func pick(all []meta, files map[string][]byte, want []string) ([]icon, error) {
	var subset []icon
	var missing []string
	for _, slug := range want {
		i := slices.IndexFunc(all, func(m meta) bool { return m.Slug == slug })
		svg, ok := files["package/icons/"+slug+".svg"]
		if i < 0 || !ok {
			missing = append(missing, slug)
			continue
		}
		m := onePath.FindSubmatch(svg)
		if m == nil {
			return nil, fmt.Errorf("icons/%s.svg is not one 24×24 path", slug)
		}
		path, err := spacedPath(string(m[1]))
		if err != nil {
			return nil, fmt.Errorf("icons/%s.svg: %w", slug, err)
		}
		subset = append(subset, icon{Slug: slug, Title: all[i].Title, Hex: all[i].Hex, Aliases: all[i].Aliases.Aka, Path: path})
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("not in this simple-icons: %s (fix the table's icon or the common list)", strings.Join(missing, ", "))
	}
	return subset, nil
}

// fetch returns the package tarball and its sha512 integrity string.
func fetch(version, tgz string) ([]byte, string, error) {
	if tgz != "" {
		data, err := os.ReadFile(tgz)
		return data, integrityOf(data), err
	}
	if npm, err := exec.LookPath("npm"); err == nil {
		dir, err := os.MkdirTemp("", "simple-icons-")
		if err != nil {
			return nil, "", err
		}
		defer os.RemoveAll(dir)
		cmd := exec.Command(npm, "pack", "simple-icons@"+version, "--pack-destination", dir, "--silent")
		cmd.Stderr = os.Stderr
		if err := cmd.Run(); err != nil {
			return nil, "", fmt.Errorf("npm pack simple-icons@%s: %w", version, err)
		}
		data, err := os.ReadFile(filepath.Join(dir, "simple-icons-"+version+".tgz"))
		return data, integrityOf(data), err
	}
	return fromRegistry(version)
}

// fromRegistry downloads the tarball from registry.npmjs.org and checks it
// against the sha512 the registry publishes for it.
func fromRegistry(version string) ([]byte, string, error) {
	var doc struct {
		Dist struct {
			Tarball, Integrity string
		} `json:"dist"`
	}
	body, err := get("https://registry.npmjs.org/simple-icons/" + version)
	if err != nil {
		return nil, "", err
	}
	if err := json.Unmarshal(body, &doc); err != nil || doc.Dist.Tarball == "" {
		return nil, "", fmt.Errorf("registry: no tarball for simple-icons@%s", version)
	}
	data, err := get(doc.Dist.Tarball)
	if err != nil {
		return nil, "", err
	}
	if got := integrityOf(data); got != doc.Dist.Integrity {
		return nil, "", fmt.Errorf("%s: integrity %s, the registry says %s", doc.Dist.Tarball, got, doc.Dist.Integrity)
	}
	return data, doc.Dist.Integrity, nil
}

func get(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: %s", url, resp.Status)
	}
	return io.ReadAll(io.LimitReader(resp.Body, 64<<20))
}

func integrityOf(data []byte) string {
	sum := sha512.Sum512(data)
	return "sha512-" + base64.StdEncoding.EncodeToString(sum[:])
}

// untar reads the files of interest from a gzipped npm tarball.
func untar(data []byte) (map[string][]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		if !strings.HasPrefix(h.Name, "package/icons/") && h.Name != "package/data/simple-icons.json" && h.Name != "package/LICENSE.md" {
			continue
		}
		if files[h.Name], err = io.ReadAll(io.LimitReader(tr, 32<<20)); err != nil {
			return nil, err
		}
	}
	for _, need := range []string{"package/data/simple-icons.json", "package/LICENSE.md"} {
		if files[need] == nil {
			return nil, fmt.Errorf("the tarball has no %s", need)
		}
	}
	return files, nil
}

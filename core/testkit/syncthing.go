//go:build !windows

package testkit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Syncthing is one Syncthing instance of the test: its own home, its GUI
// and REST API on 127.0.0.1 and its sync port on 127.0.0.1, nothing else
// (no discovery, relays, NAT, STUN, usage or crash reports, upgrades).
type Syncthing struct {
	ID                string // its device id
	Listen            string // its sync address, tcp://127.0.0.1:PORT
	home, apiKey, gui string
	cmd               *exec.Cmd
	log               bytes.Buffer
}

func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// loopbackOnly turns a generated config.xml into one that talks to
// nothing but 127.0.0.1.
var loopbackOnly = []struct{ from, to string }{
	{"<globalAnnounceEnabled>true<", "<globalAnnounceEnabled>false<"},
	{"<localAnnounceEnabled>true<", "<localAnnounceEnabled>false<"},
	{"<relaysEnabled>true<", "<relaysEnabled>false<"},
	{"<natEnabled>true<", "<natEnabled>false<"},
	{"<urAccepted>0<", "<urAccepted>-1<"},
	{"<autoUpgradeIntervalH>12<", "<autoUpgradeIntervalH>0<"},
	{"<crashReportingEnabled>true<", "<crashReportingEnabled>false<"},
	{"<stunServer>default</stunServer>", ""},
	{"<stunKeepaliveStartS>180<", "<stunKeepaliveStartS>0<"},
	{"<globalAnnounceServer>default</globalAnnounceServer>", ""},
	// Reconnect within a second of a resume, not a minute.
	{"<reconnectionIntervalS>60<", "<reconnectionIntervalS>1<"},
}

// StartSyncthing generates an instance's home, makes it loopback-only and
// starts it (`syncthing serve`); it is stopped when the test ends, and its
// log shown if the test failed.
func StartSyncthing(t testing.TB, bin, name string) *Syncthing {
	t.Helper()
	s := &Syncthing{home: filepath.Join(TempDir(t), "syncthing-"+name)}
	out, err := exec.Command(bin, "generate", "--home="+s.home, "--no-default-folder", "--skip-port-probing").CombinedOutput()
	if err != nil {
		t.Fatalf("syncthing generate: %v\n%s", err, out)
	}
	m := regexp.MustCompile(`Device ID: ([A-Z0-9-]+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("no device id in:\n%s", out)
	}
	s.ID = string(m[1])
	cfgPath := filepath.Join(s.home, "config.xml")
	cfg, err := os.ReadFile(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	key := regexp.MustCompile(`<apikey>([^<]+)</apikey>`).FindSubmatch(cfg)
	if key == nil {
		t.Fatal("no API key in the generated config")
	}
	s.apiKey = string(key[1])
	s.gui = fmt.Sprintf("127.0.0.1:%d", freePort(t))
	s.Listen = fmt.Sprintf("tcp://127.0.0.1:%d", freePort(t))
	c := string(cfg)
	c = regexp.MustCompile(`<listenAddress>[^<]*</listenAddress>`).ReplaceAllString(c, "<listenAddress>"+s.Listen+"</listenAddress>")
	c = regexp.MustCompile(`(<gui [^>]*>\s*<address>)[^<]*(</address>)`).ReplaceAllString(c, "${1}"+s.gui+"${2}")
	for _, r := range loopbackOnly {
		c = strings.ReplaceAll(c, r.from, r.to)
	}
	if err := os.WriteFile(cfgPath, []byte(c), 0o600); err != nil {
		t.Fatal(err)
	}
	s.cmd = exec.Command(bin, "serve", "--home="+s.home, "--no-browser", "--no-restart", "--no-upgrade",
		"--gui-address=http://"+s.gui, "--gui-apikey="+s.apiKey)
	s.cmd.Env = append(os.Environ(), "STNODEFAULTFOLDER=1", "STNOUPGRADE=1", "STNORESTART=1", "HOME="+s.home)
	s.cmd.Stdout, s.cmd.Stderr = &s.log, &s.log
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		syscall.Kill(-s.cmd.Process.Pid, syscall.SIGTERM)
		done := make(chan struct{})
		go func() { s.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			syscall.Kill(-s.cmd.Process.Pid, syscall.SIGKILL)
			<-done
		}
		if t.Failed() {
			t.Logf("syncthing %s log:\n%s", name, s.log.String())
		}
	})
	deadline := time.Now().Add(30 * time.Second)
	for s.rest(t, "GET", "/rest/system/ping", nil) != nil {
		if time.Now().After(deadline) {
			t.Fatalf("syncthing %s did not answer on %s:\n%s", name, s.gui, s.log.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	return s
}

// rest calls the REST API; nil means 2xx.
func (s *Syncthing) rest(t testing.TB, method, path string, body any) error {
	var rd *bytes.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	} else {
		rd = bytes.NewReader(nil)
	}
	req, err := http.NewRequest(method, "http://"+s.gui+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-API-Key", s.apiKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := (&http.Client{Timeout: 5 * time.Second}).Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		var b bytes.Buffer
		b.ReadFrom(resp.Body)
		return fmt.Errorf("%s %s: %s: %s", method, path, resp.Status, b.String())
	}
	return nil
}

// Must calls the REST API and fails the test unless it answers 2xx.
func (s *Syncthing) Must(t testing.TB, method, path string, body any) {
	t.Helper()
	if err := s.rest(t, method, path, body); err != nil {
		t.Fatal(err)
	}
}

// Share makes dir a folder shared with peer, watched with a one-second
// delay. Only one side dials (the other's address stays "dynamic", which
// nothing resolves without discovery): two instances dialling each other
// at once after a resume can leave a handshake hanging for 20 s.
func (s *Syncthing) Share(t testing.TB, peer *Syncthing, dir string, dial bool) {
	t.Helper()
	addr := "dynamic"
	if dial {
		addr = peer.Listen
	}
	s.Must(t, "POST", "/rest/config/devices", map[string]any{
		"deviceID": peer.ID, "name": "peer", "addresses": []string{addr}, "autoAcceptFolders": false,
	})
	s.Must(t, "POST", "/rest/config/folders", map[string]any{
		"id": "lifeline", "label": "lifeline", "path": dir, "type": "sendreceive",
		"fsWatcherEnabled": true, "fsWatcherDelayS": 1, "rescanIntervalS": 60,
		"devices": []map[string]string{{"deviceID": s.ID}, {"deviceID": peer.ID}},
	})
}

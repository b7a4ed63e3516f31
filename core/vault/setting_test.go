package vault

import (
	"encoding/json"
	"testing"
)

func TestDocumentSetting(t *testing.T) {
	type entry struct {
		Keep int    `json:"keep"`
		Note string `json:"note"`
	}
	var d Document
	var got entry
	if ok, err := d.Setting("backup", &got); ok || err != nil {
		t.Fatalf("no settings: ok %v, err %v", ok, err)
	}
	if err := d.SetSetting("backup", entry{Keep: 7, Note: "usb"}); err != nil {
		t.Fatal(err)
	}
	if ok, err := d.Setting("backup", &got); !ok || err != nil || got != (entry{7, "usb"}) {
		t.Fatalf("round trip: ok %v, err %v, got %+v", ok, err, got)
	}
	d.Settings["kit"] = json.RawMessage(`{"keep": "seven"`)
	got = entry{Keep: 1}
	if ok, err := d.Setting("kit", &got); !ok || err == nil {
		t.Fatalf("malformed entry: ok %v, err %v", ok, err)
	}
	if _, ok := d.Settings["backup"]; !ok {
		t.Fatal("SetSetting of one key dropped another")
	}
}

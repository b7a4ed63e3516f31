package vault

import "errors"

// Written reports whether a Save that returned err wrote vault.age: true
// for nil and for a save whose only failure was bringing lifeline.json in
// line afterwards (the change is on disk; the next save repairs the file).
// A face uses it to report only what was saved.
func Written(err error) bool {
	var lag *metaLagError
	return err == nil || errors.As(err, &lag)
}

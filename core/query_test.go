package core

import (
	"reflect"
	"testing"
)

func TestMatch(t *testing.T) {
	accounts := []Account{
		{Issuer: "GitHub", Name: "alice"},       // 0
		{Issuer: "GitHub", Name: "bob"},         // 1
		{Issuer: "Google", Name: "alice@gmail"}, // 2
		{Issuer: "Google Cloud", Name: "alice"}, // 3
		{Name: "homelab"},                       // 4
		{Issuer: "Steam"},                       // 5
		{Issuer: "Dup", Name: "x"},              // 6
		{Issuer: "dup", Name: "X"},              // 7
		{Issuer: "Büro", Name: "Jürgen"},        // 8
		{Issuer: "AWS", Name: "root:prod"},      // 9
		{Issuer: "GitHub", Name: "alice-work"},  // 10
		{Issuer: "Example", Name: "github-fan"}, // 11
	}
	tests := []struct {
		query string
		want  []int
	}{
		{"GitHub:alice", []int{0}},                        // exact label beats the substring in 10
		{"github:ALICE", []int{0}},                        // case ignored
		{"  GitHub:alice\n", []int{0}},                    // surrounding space ignored
		{"github", []int{0, 1, 10, 11}},                   // substring of issuer or name: ambiguous
		{"alice", []int{0, 2, 3, 10}},                     // several issuers
		{"google", []int{2, 3}},                           // "Google" is no exact label: Google has a name
		{"Google Cloud:alice", []int{3}},                  // exact label with a space
		{"b:al", []int{0, 10}},                            // substring across the colon of the label
		{"homelab", []int{4}},                             // name-only label, exact
		{"steam", []int{5}},                               // issuer-only label, exact
		{"dup:x", []int{6, 7}},                            // identical labels: all exact matches
		{"bürO", []int{8}},                                // unicode case folding
		{"JÜRGEN", []int{8}},                              //
		{"AWS:root:prod", []int{9}},                       // colon inside the name
		{"root:prod", []int{9}},                           // substring of the name
		{"nothing", nil},                                  // no match
		{"", []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}}, // empty query: all, so ambiguous
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			if got := Match(accounts, tc.query); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Match(%q) = %v, want %v", tc.query, got, tc.want)
			}
		})
	}
	t.Run("no accounts", func(t *testing.T) {
		if got := Match(nil, "x"); got != nil {
			t.Errorf("Match(nil) = %v", got)
		}
	})
}

func TestAccountMatches(t *testing.T) {
	a := Account{Issuer: "GitHub", Name: "alice@example.com", Groups: []string{"Work", "Dev Tools"}, Note: "Recovery codes in the safe"}
	tests := []struct {
		filter string
		want   bool
	}{
		{"", true},
		{"   ", true},
		{"github", true},
		{"ALICE", true},
		{"example.com", true},
		{"work", true},      // group
		{"tools", true},     // part of a group
		{"safe", true},      // note
		{"git alice", true}, // every word, each somewhere
		{"work  SAFE\talice", true},
		{"github bob", false}, // one word missing
		{"gitlab", false},
		{"github:alice", false}, // the label is not searched as one string
		{"dev tools", true},     // words may come from the same field
	}
	for _, tc := range tests {
		t.Run(tc.filter, func(t *testing.T) {
			if got := a.Matches(tc.filter); got != tc.want {
				t.Errorf("Matches(%q) = %v, want %v", tc.filter, got, tc.want)
			}
		})
	}
}

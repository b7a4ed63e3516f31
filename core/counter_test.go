package core

import (
	"errors"
	"math"
	"testing"
)

func TestAdvanceCounter(t *testing.T) {
	for _, tc := range []struct {
		from, want uint64
		err        error
	}{
		{0, 1, nil},
		{math.MaxUint64 - 1, math.MaxUint64, nil},
		{math.MaxUint64, math.MaxUint64, ErrCounterExhausted},
	} {
		a := Account{Type: HOTP, Counter: tc.from}
		if err := a.AdvanceCounter(); !errors.Is(err, tc.err) || a.Counter != tc.want {
			t.Errorf("from %d: counter %d, err %v; want %d, %v", tc.from, a.Counter, err, tc.want, tc.err)
		}
	}
}

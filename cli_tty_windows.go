//go:build windows

package main

// CONIN$ is the console even when stdin is redirected.
const ttyPath = "CONIN$"

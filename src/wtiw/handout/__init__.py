"""Printed handouts: each page's address and QR code, and the crisis numbers on paper."""

"""The benchmark (`make bench`): build cost, memory, page weight, Lighthouse; see bench/__main__.py."""

//! End-to-end tests of the project; the tests live in `tests/tests/`.

//! Client for the Genesys Cloud Platform API; this crate will be generated from `spec/` by `cargo xtask generate`.

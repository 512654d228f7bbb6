//! DB: databases.

//! Pure rules of 医养通.

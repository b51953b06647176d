//! Official template text rendered from `spec`, in the document's table style.

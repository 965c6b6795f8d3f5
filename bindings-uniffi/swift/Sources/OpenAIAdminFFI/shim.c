/* Hand-written. SwiftPM builds a C target only when it has a source file; the interface itself
   is the generated header in include/, implemented by libopenai_admin_uniffi. */

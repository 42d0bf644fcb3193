// Debian's libssl-dev (OpenSSL's libcrypto): SHA-256 of imported files and survey definitions,
// and the error queue that says why a call failed.
#include <openssl/err.h>
#include <openssl/evp.h>

// Debian's libssl-dev (OpenSSL's libcrypto): SHA-256 of imported files and survey definitions.
#include <openssl/evp.h>

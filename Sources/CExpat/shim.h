// Debian's libexpat1-dev: the streaming XML parser the spreadsheet reader is built on.
#include <expat.h>

// Debian's libreadstat-dev: SPSS .sav and .zsav files, read by the library made for them.
#include <readstat.h>

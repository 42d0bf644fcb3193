// Debian's libxlsxwriter-dev: the Excel workbook of the summaries (kartlagg.xlsx).
#include <xlsxwriter.h>

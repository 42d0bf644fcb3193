# Writes haven.sav and haven.zsav with R's haven 2.5.1 (Debian r-cran-haven), for
# SavTests: the same cases as edge.sav, as haven writes them (labelled_spss values with
# user-missing values and ranges), so that ReadStat is checked on files from both writers.
#
#   Rscript make_haven.R OUT_DIR
library(haven)
out <- commandArgs(trailingOnly = TRUE)[1]
agreement <- c("Stämmer inte alls" = 1, "Stämmer dåligt" = 2, "Stämmer delvis" = 3,
               "Stämmer ganska bra" = 4, "Stämmer helt" = 5)
frame <- data.frame(
  respondent_id = c("h1", "h2", "h3", "h4"),
  kommun = labelled_spss(c(1, 2, 1, 2), c(Kalmar = 1, "Högsby" = 2),
                         label = "Vilken kommun arbetar du i, eller gäller ditt svar hela länet?"),
  organisation = c("Region", "Kommun", "Privat", "Region"),
  niva = c("Mikro", "Meso", "Makro", "Mikro"),
  # Reverse-coded, a value labelled with no scale label (9), and -99 declared missing.
  behov_komplexa_nu = labelled_spss(c(1, 9, -99, 3),
                                    c("Stämmer helt" = 1, "Stämmer ganska bra" = 2, "Stämmer delvis" = 3,
                                      "Stämmer dåligt" = 4, "Stämmer inte alls" = 5, "Okänd kod" = 9),
                                    na_values = c(-99)),
  # A missing range 90–99.
  behov_komplexa_onskat = labelled_spss(c(5, 4, 95, 2), agreement, na_range = c(90, 99)),
  behov_fritext = c(strrep("y", 400), "", "", "kort"),
  stringsAsFactors = FALSE
)
write_sav(frame, file.path(out, "haven.sav"))
write_sav(frame, file.path(out, "haven.zsav"), compress = "zsav")

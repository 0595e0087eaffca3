* Form transcript for the mlm real-world corpus (tests/realworld/README.md): the command
* lines of a public do-file in their original order and syntax; comments, prose and free
* text (titles, labels, file names) removed or replaced.
* source: code-index file id 37506952041 (a public GitHub .do file, replication of Green, Ethnicity, National Identity and the State: Evidence from Sub-Saharan Africa, British Journal of Political Science: Afrobarometer respondents in ethnic groups in countries -- three-level random-intercept xtmixed ... if ... || COUNTRY: || Q84: , variance (Q79 in round 4) of national over ethnic identity with individual and country-level covariates, split by whether the president is of the core ethnic group; country-round regressions with vce (cluster countryid); pooled OLS one country at a time with r cluster (Q84); summarize; the file names three data files in a comment and loads none, so the first is in memory when it starts; the index does not name the repository)
* author: Elliott D. Green (file header)
* licence: none stated
* preload: green_afrob_r3
* data: BJPS Green 2 = green_afrob_r4
* data: BJPS Green 3 = green_country_rounds
* data: BJPS Green 1 = green_afrob_r3
xtmixed NatOverEthnic CoreEthnic PresidentEG PeripheralGroup EGperc Partition1 Urban Age Agesq Q101 Muslim Radio TV NoInternet FTEmploy EdDummy CCDlog BritColony LogGDPpc ELF if CountryData==1 || COUNTRY: || Q84: , variance 
xtmixed NatOverEthnic CoreEthnic PeripheralGroup EGperc Partition1 Urban Age Agesq Q101 Muslim Radio TV NoInternet FTEmploy EdDummy CCDlog BritColony LogGDPpc ELF if CountryData==1 & PresCore==1 || COUNTRY: || Q84: , variance 
xtmixed NatOverEthnic CoreEthnic PresidentEG PeripheralGroup EGperc Partition1 Urban Age Agesq Q101 Muslim Radio TV NoInternet FTEmploy EdDummy CCDlog BritColony LogGDPpc ELF if CountryData==1 & PresCore==0 || COUNTRY: || Q84: , variance 
xtmixed NatOverEthnic LargestGroup PeripheralGroup EGperc Partition1 Urban Age Agesq Q101 Muslim Radio TV NoInternet FTEmploy EdDummy CCDlog BritColony LogGDPpc ELF if CountryData==1 & PresLargest==1 || COUNTRY: || Q84: , variance 
xtmixed NatOverEthnic LargestGroup PresidentEG PeripheralGroup EGperc Partition1 Urban Age Agesq Q101 Muslim Radio TV NoInternet FTEmploy EdDummy CCDlog BritColony LogGDPpc ELF if CountryData==1 & PresLargest==0 || COUNTRY: || Q84: , variance 
xtmixed NatOverEthnic CoreEthnic PresidentRegion PeripheralGroup EGperc Partition1 Urban Age Agesq Q101 Muslim Radio TV NoInternet FTEmploy EdDummy CCDlog BritColony LogGDPpc ELF EA_SVC_A EA_SVC_B EA_SVC_C EA_FAC_A EA_FAC_B EA_FAC_C EA_FAC_D EA_ROAD if CountryData==1 & PresCore==1 || COUNTRY: || Q84: , variance 
xtmixed NatOverEthnic CoreEthnic PresidentEG PresidentRegion PeripheralGroup EGperc Partition1 Urban Age Agesq Q101 Muslim Radio TV NoInternet FTEmploy EdDummy CCDlog BritColony LogGDPpc ELF EA_SVC_A EA_SVC_B EA_SVC_C EA_FAC_A EA_FAC_B EA_FAC_C EA_FAC_D EA_ROAD if CountryData==1 & PresCore==0 || COUNTRY: || Q84: , variance 
xtmixed NatId5points CoreEthnic PeripheralGroup EGperc Partition1 Urban Age Agesq Q101 Muslim Radio TV NoInternet FTEmploy EdDummy CCDlog BritColony LogGDPpc ELF if CountryData==1 & PresCore==1 || COUNTRY: || Q84: , variance 
xtmixed NatId5points CoreEthnic PresidentEG PeripheralGroup EGperc Partition1 Urban Age Agesq Q101 Muslim Radio TV NoInternet FTEmploy EdDummy CCDlog BritColony LogGDPpc ELF if CountryData==1 & PresCore==0 || COUNTRY: || Q84: , variance 
xtmixed NatOverEthnic CoreEthnic PeripheralGroup EGperc Partition1 Urban Age Agesq Q101 Muslim Radio TV NoInternet FTEmploy EdDummy CCDlog BritColony LogGDPpc LogSlaveExp LogLat LogKm2 LogColonialLength LogIndependence if CountryData==1 & PresCore==1 || COUNTRY: || Q84: , variance 
xtmixed NatOverEthnic CoreEthnic PresidentEG PeripheralGroup EGperc Partition1 Urban Age Agesq Q101 Muslim Radio TV NoInternet FTEmploy EdDummy CCDlog BritColony LogGDPpc LogSlaveExp LogLat LogKm2 LogColonialLength LogIndependence if CountryData==1 & PresCore==0 || COUNTRY: || Q84: , variance 
* mlm-added: the file's comment says Table 4 uses the second data file, which it never loads; load it
use "BJPS Green 2", clear
xtmixed NatOverEthnic CoreEthnic PeripheralGroup EGperc EGpercsq Partition1 URBRUR Age Agesq Q101 Muslim Radio TV FTEmploy EdDummy BritColony LogGDPpc ELF if Q79<900 & PresCore==1 || COUNTRY: || Q79: , variance
xtmixed NatOverEthnic CoreEthnic PresidentEG PeripheralGroup EGperc EGpercsq Partition1 URBRUR Age Agesq Q101 Muslim Radio TV FTEmploy EdDummy BritColony LogGDPpc ELF if Q79<900 & PresCore==0 || COUNTRY: || Q79: , variance
xtmixed NatOverEthnic LargestGroup PeripheralGroup EGperc EGpercsq Partition1 URBRUR Age Agesq Q101 Muslim Radio TV FTEmploy EdDummy BritColony LogGDPpc ELF if Q79<900 & PresLargest==1 || COUNTRY: || Q79: , variance
xtmixed NatOverEthnic LargestGroup PresidentEG PeripheralGroup EGperc EGpercsq Partition1 URBRUR Age Agesq Q101 Muslim Radio TV FTEmploy EdDummy BritColony LogGDPpc ELF if Q79<900 & PresLargest==0 || COUNTRY: || Q79: , variance
* mlm-added: Table 5 uses the third data file (country-rounds), which the file never loads; load it
use "BJPS Green 3", clear
reg natoverethnic ceinpower loggdppc elf britcolony polity Round5 Round4 Round3, vce (cluster countryid)
reg natoverethnic ceinpower loggdppc elf britcolony polity Round5 if round56balanced==1, vce (cluster countryid)
reg natoverethnic ceinpower loggdppc elf britcolony polity Round5 Round4 if round456balanced==1, vce (cluster countryid)
reg natoverethnic ceinpower loggdppc elf britcolony polity Round5 Round4 Round3 if round3456balanced==1, vce (cluster countryid)
* mlm-added: the appendix tables use the first data file again; load it
use "BJPS Green 1", clear
xtmixed NatOverEthnic CoreEthnic PeripheralGroup EGperc Partition1 Urban Age Agesq Q101 Muslim Radio TV NoInternet FTEmploy EdDummy CCDlog BritColony LogGDPpc ELF if CountryData==1 & PresCore==1 & AsianMinority==0 || COUNTRY: || Q84: , variance 
xtmixed NatOverEthnic CoreEthnic PeripheralGroup PresidentEG EGperc Partition1 Urban Age Agesq Q101 Muslim Radio TV NoInternet FTEmploy EdDummy CCDlog BritColony LogGDPpc ELF if CountryData==1 & PresCore==0 & AsianMinority==0  || COUNTRY: || Q84: , variance 
xtmixed NatOverEthnic CoreEthnic PeripheralGroup EGperc Partition1 Urban Age Agesq Q101 Muslim Radio TV NoInternet FTEmploy EdDummy CCDlog BritColony LogGDPpc ELF if CountryData==1 & PresCore==1 & WhiteMinority==0 || COUNTRY: || Q84: , variance 
xtmixed NatOverEthnic CoreEthnic PeripheralGroup PresidentEG EGperc Partition1 Urban Age Agesq Q101 Muslim Radio TV NoInternet FTEmploy EdDummy CCDlog BritColony LogGDPpc ELF if CountryData==1 & PresCore==0 & WhiteMinority==0  || COUNTRY: || Q84: , variance 
reg NatOverEthnic CoreEthnic PeripheralGroup EGperc Partition1 Urban Age Agesq Q101 Muslim Radio TV NoInternet FTEmploy EdDummy CCDlog if CountryData==1 & Country19==1, r cluster (Q84)
reg NatOverEthnic CoreEthnic PeripheralGroup EGperc Partition1 Urban Age Agesq Q101 Muslim Radio TV NoInternet FTEmploy EdDummy CCDlog if CountryData==1 & Country2==1, r cluster (Q84)
reg NatOverEthnic CoreEthnic PeripheralGroup EGperc Partition1 Urban Age Agesq Q101 Muslim Radio TV NoInternet FTEmploy EdDummy CCDlog if CountryData==1 & Country3==1, r cluster (Q84)
reg NatOverEthnic CoreEthnic PeripheralGroup EGperc Partition1 Urban Age Agesq Q101 Muslim Radio TV NoInternet FTEmploy EdDummy CCDlog if CountryData==1 & Country7==1, r cluster (Q84)
reg NatOverEthnic CoreEthnic PeripheralGroup EGperc Partition1 Urban Age Agesq Q101 Muslim Radio TV NoInternet FTEmploy EdDummy CCDlog if CountryData==1 & Country16==1, r cluster (Q84)
reg NatOverEthnic CoreEthnic PeripheralGroup EGperc Partition1 Urban Age Agesq Q101 Muslim Radio TV NoInternet FTEmploy EdDummy CCDlog if CountryData==1 & Country21==1, r cluster (Q84)
reg NatOverEthnic CoreEthnic PeripheralGroup EGperc Partition1 Urban Age Agesq Q101 Muslim Radio TV NoInternet FTEmploy EdDummy CCDlog if CountryData==1 & Country9==1, r cluster (Q84)
reg NatOverEthnic CoreEthnic PeripheralGroup EGperc Partition1 Urban Age Agesq Q101 Muslim Radio TV NoInternet FTEmploy EdDummy CCDlog if CountryData==1 & Country23==1, r cluster (Q84)
reg NatOverEthnic CoreEthnic PeripheralGroup EGperc Partition1 Urban Age Agesq Q101 Muslim Radio TV NoInternet FTEmploy EdDummy CCDlog if CountryData==1 & Country25==1, r cluster (Q84)
reg NatOverEthnic CoreEthnic PeripheralGroup EGperc Partition1 Urban Age Agesq Q101 Muslim Radio TV NoInternet FTEmploy EdDummy CCDlog if CountryData==1 & Country10==1, r cluster (Q84)
reg NatOverEthnic CoreEthnic PeripheralGroup EGperc Partition1 Urban Age Agesq Q101 Muslim Radio TV NoInternet FTEmploy EdDummy CCDlog if CountryData==1 & Country26==1, r cluster (Race)
reg NatOverEthnic CoreEthnic PeripheralGroup EGperc Partition1 Urban Age Agesq Q101 Muslim Radio TV NoInternet FTEmploy EdDummy CCDlog if CountryData==1 & Country28==1, r cluster (Q84)
reg NatOverEthnic CoreEthnic PeripheralGroup EGperc Partition1 Urban Age Agesq Q101 Muslim Radio TV NoInternet FTEmploy EdDummy CCDlog if CountryData==1 & Country29==1, r cluster (Q84)
reg NatOverEthnic CoreEthnic PeripheralGroup PresidentEG EGperc Partition1 Urban Age Agesq Q101 Muslim Radio TV NoInternet FTEmploy EdDummy CCDlog if CountryData==1 & Country1==1, r cluster (Q84)
reg NatOverEthnic CoreEthnic PeripheralGroup PresidentEG EGperc Partition1 Urban Age Agesq Q101 Muslim Radio TV NoInternet FTEmploy EdDummy CCDlog if CountryData==1 & Country15==1, r cluster (Q84)
reg NatOverEthnic CoreEthnic PeripheralGroup PresidentEG EGperc Partition1 Urban Age Agesq Q101 Muslim Radio TV NoInternet FTEmploy EdDummy CCDlog if CountryData==1 & Country5==1, r cluster (Q84)
reg NatOverEthnic CoreEthnic PeripheralGroup PresidentEG EGperc Partition1 Urban Age Agesq Q101 Muslim Radio TV NoInternet FTEmploy EdDummy CCDlog if CountryData==1 & Country22==1, r cluster (Q84)
reg NatOverEthnic CoreEthnic PeripheralGroup PresidentEG EGperc Partition1 Urban Age Agesq Q101 Muslim Radio TV NoInternet FTEmploy EdDummy CCDlog if CountryData==1 & Country24==1, r cluster (Q84)
reg NatOverEthnic CoreEthnic PeripheralGroup PresidentEG EGperc Partition1 Urban Age Agesq Q101 Muslim Radio TV NoInternet FTEmploy EdDummy CCDlog if CountryData==1 & Country11==1, r cluster (Q84)
reg NatOverEthnic CoreEthnic PeripheralGroup PresidentEG EGperc Partition1 Urban Age Agesq Q101 Muslim Radio TV NoInternet FTEmploy EdDummy CCDlog if CountryData==1 & Country12==1, r cluster (Q84)
reg NatOverEthnic CoreEthnic PeripheralGroup PresidentEG EGperc Partition1 Urban Age Agesq Q101 Muslim Radio TV NoInternet FTEmploy EdDummy CCDlog if CountryData==1 & Country13==1, r cluster (Q84)
reg NatOverEthnic CoreEthnic PeripheralGroup PresidentEG EGperc Partition1 Urban Age Agesq Q101 Muslim Radio TV NoInternet FTEmploy EdDummy CCDlog if CountryData==1 & Country14==1, r cluster (Q84)
reg NatOverEthnic CoreEthnic PeripheralGroup PresidentEG EGperc Partition1 Urban Age Agesq Q101 Muslim Radio TV NoInternet FTEmploy EdDummy CCDlog if CountryData==1 & Country18==1, r cluster (Q84)
summarize NatOverEthnic CoreEthnic PeripheralGroup EGperc Partition1 Urban Age Agesq Q101 Muslim Radio TV NoInternet FTEmploy EdDummy CCDlog BritColony LogGDPpc ELF if CountryData==1

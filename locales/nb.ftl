# Rapporten for juridisk gjennomgang på norsk bokmål. Hver melding her har en tvilling i en.ftl
# (en test sjekker det). Beløp, andeler og datoer kommer ferdig formatert; navn likeså.

page-title = Egenregirapport per { $date }
title = Rapport om utvidet egenregi
extract-for = Utdrag for { $buyer }
header-as-of = Vurdert per
header-as-of-date = per { $date }
header-result-label = Resultat
header-result = { $errors ->
    [0] ingen feil
   *[other] { $errors } feil
  }, { $warnings ->
    [one] 1 advarsel
   *[other] { $warnings } advarsler
  }, { $notes ->
    [one] 1 merknad
   *[other] { $notes } merknader
  }; { $waived } unntatt
header-input = Grunnlag
header-files = { $files ->
    [one] 1 fil
   *[other] { $files } filer
  }, { $documents ->
    [one] 1 dokument
   *[other] { $documents } dokumenter
  }
header-digest = Sjekksum for grunnlaget
header-digest-how = (SHA-256 over alle filene i grunnlaget, sortert etter sti: sti, NUL, lengde, tekst)
header-tool = Verktøy
header-citations = Hver henvisning sier hvor langt den er kontrollert: «paragraf kontrollert» betyr at paragrafen (§) eller artikkelen er kontrollert, mens ledd og bokstav er den sannsynlige strukturen og ikke kontrollert mot lovteksten; «sak kontrollert», dommens nummer og navn.
header-disclaimer = Hver vurdering er et varsel til juridisk gjennomgang, ikke juridisk rådgivning. Oppdragsgiveren som tildeler uten konkurranse, har bevisbyrden for at hvert vilkår er oppfylt.

summary-title = Sammendrag
summary-legend = Vurdering per rettslig vilkår, den svakeste over alle abonnementer og datoer som er vurdert (tildelingen og i dag). ✓ oppfylt: vilkåret er oppfylt etter grunnlaget. ⚠ til vurdering: oppfylt bare etter en lesning som ikke er rettslig avklart; en jurist må godkjenne den. ? ikke vurdert: opplysningene som trengs, mangler eller er ugyldige. ✗ ikke oppfylt: vilkåret er ikke oppfylt.
summary-none = Ingen abonnementer ble vurdert i denne kjøringen.
summary-provider = Leverandør { $provider }
summary-provider-counts = { $buyers ->
    [one] 1 oppdragsgiver
   *[other] { $buyers } oppdragsgivere
  }, { $subscriptions ->
    [one] 1 abonnement
   *[other] { $subscriptions } abonnementer
  }; samlet:

col-buyer = Oppdragsgiver
col-basis = Grunnlag
col-subscriptions = Abonnementer
col-overall = Samlet
col-window = Periode
col-judged = Vurdert før
col-qualifying = Kvalifiserende
col-total = Totalt
col-share = Andel
col-margin = Margin (poeng)
col-headroom = Handlingsrom per år
col-verdict = Vurdering
col-year = År
col-year-basis = Tall
col-measure = Mål
col-report = Rapport
col-severity = Alvorlighet
col-rule = Regel
col-where = Hvor
col-finding = Funn
col-legal-basis = Rettslig grunnlag
col-waiver = Unntak
col-rule-targets = Regel og mål
col-reason = Begrunnelse
col-approved-by = Godkjent av
col-expires = Utløper
col-status = Status
col-waived = Funn unntatt
col-target = Mål
col-condition = Vilkår
col-found = Hva som ble funnet
col-evidence = Dokumentasjon

verdict-holds = oppfylt
verdict-review = til vurdering
verdict-not-assessed = ikke vurdert
verdict-fails = ikke oppfylt

condition-buyer = Oppdragsgiver
condition-control = Kontroll
condition-activity = Aktivitet
condition-private-capital = Privat kapital
condition-contrary-interests = Motstridende interesser
condition-parties = Parter
condition-cooperation = Samarbeid
condition-procurement = Anskaffelse
condition-value = Verdi
condition-objectives = Formål
condition-open-market = Det åpne markedet
condition-in-house = Egenregi
condition-basis = Grunnlag

basis-in-house = egenregi
basis-tender = konkurranse
basis-below-threshold = under terskelverdi
basis-no-contract = ingen kontrakt
basis-cooperation = samarbeid

control-sole = enekontroll
control-indirect = indirekte kontroll
control-joint = felles kontroll
control-reverse = omvendt tildeling
control-sister = søstertildeling
control-none = ingen kontroll
path-members-of = medlemmene i { $group }

activity-title = Aktivitetskravet
activity-intro = Mer enn 80 % av leverandørens aktivitet i de tre regnskapsårene før hver vurderte dato må utføres for oppdragsgiverne som kontrollerer den. Hver periode vurderes for seg; diagrammet viser hvert år én gang. Handlingsrom per år: hvor mye mer aktivitet for andre perioden kunne hatt hvert år før den faller, (5·Q − 4·T) / 4 / 3; negativt når den allerede faller.
activity-none = Ingen aktivitetsperioder ble beregnet i denne kjøringen.
activity-provider = Leverandør { $provider }
activity-group = Kontrollerende gruppe (aktiviteten for dem kvalifiserer) før { $date }:
activity-window-share = perioden { $years }: { $share }
chart-title = Kvalifiserende andel av aktiviteten til { $provider } per år, med hver periode
chart-threshold = mer enn { $threshold } % kreves
chart-legend-qualifying = aktivitet for de kontrollerende oppdragsgiverne
chart-no-data = ingen tall
chart-window = { $years }: { $share }, { $verdict } (før { $date })
year-actual = regnskap
year-projected = prognose
year-missing = mangler
measure-turnover = omsetning
measure-costs = kostnader
purpose-award = tildeling
purpose-as-of = i dag
headroom-left = +{ $amount }
headroom-over = −{ $amount } (for mye)
headroom-none = 0

findings-title = Funn etter rettslig vilkår
findings-group = { $group } ({ $count ->
    [0] ingen funn
   *[other] { $count } funn
  })
findings-checked = Ingen funn fra de { $rules } reglene som ble sjekket:
group-control = Kontroll
group-activity = Aktivitet
group-private-capital = Privat kapital
group-procurement = Anskaffelse
group-infrastructure = Infrastruktur
group-integrity = Datakvalitet
severity-error = feil
severity-warning = advarsel
severity-note = merknad
help = råd
see = se
see-findings = Funn:

verified-section = paragraf kontrollert
verified-case = sak kontrollert
verified-paragraph = ledd kontrollert
verified-letter = bokstav kontrollert
verified-unknown = ikke oppgitt hvor langt kontrollert

waivers-title = Unntak
waivers-none = Repositoriet har ingen unntak.
waivers-intro = Hvert unntak godtar funnene fra én regel på sine mål til det utløper. Et utløpt unntak skjuler ingenting: funnene vises igjen.
waived-title = Funn godtatt av et unntak
waiver-active = gjeldende
waiver-expired = utløpt
waiver-unused = ubrukt
waiver-incomplete = ufullstendig

buyers-title = Per oppdragsgiver
buyers-intro = Én del per oppdragsgiver, for dens jurist, kontrollutvalg og revisor: abonnementene gruppert etter grunnlag og kontrollvei, hvert rettslig vilkår med vurdering, tallene og dokumentasjonen som er lagt til grunn, det rettslige grunnlaget med hvor langt hver henvisning er kontrollert, hva som er forutsatt og hva som ikke er sjekket.
buyer-group = { $basis } fra { $provider }
buyer-subscriptions = { $count ->
    [one] Abonnement:
   *[other] { $count } abonnementer:
  }
since = fra { $date }
when-award = ved tildelingen { $date }
when-now = i dag { $date }
buyer-assumptions = Forutsatt, ikke kontrollert mot andre kilder
buyer-not-checked = Ikke sjekket
buyer-findings = Funn på denne oppdragsgiverens abonnementer
buyer-no-findings = Ingen funn på denne oppdragsgiverens abonnementer.

entity-type-municipality = en kommune
entity-type-county = en fylkeskommune
entity-type-state-agency = en statlig virksomhet
entity-type-association = en forening
entity-type-company = et selskap
entity-type-foundation = en stiftelse
because-buyer-type = oppdragsgiveren er { $type }, og dermed offentlig oppdragsgiver
because-activity = { $share } av aktiviteten til { $provider } i perioden ble utført for den kontrollerende gruppen; mer enn { $threshold } % kreves

nc-control-practice = hvordan kontrollen utøves i praksis (protokoller, instrukser til styret)
nc-assessment = om den skriftlige vurderingen som er oppgitt i feltet «assessment», støtter tildelingen (bare at den er oppgitt)
nc-accounts = at aktivitetsrapportene stemmer med det reviderte regnskapet
nc-competition = om selve konkurransen var lovlig
nc-cooperation = hvert vilkår i § 3-3: parter, avtale, markedstesten på 20 %
because-non-commercial = vedtektene fastsetter et ikke-kommersielt formål og forbyr utbytte
because-no-reference = ingen kunngjøringsreferanse er oppgitt
because-cooperation-unchecked = horisontalt samarbeid (§ 3-3) sjekkes ikke av denne versjonen av egenregi
because-owners-public = alle eierne av { $a } er offentlige oppdragsgivere
because-no-owners = { $a } har ingen eiere oppført
because-tender = tildelt etter konkurranse, kunngjøring { $a }
assume-stated-ca = { $a } er offentlig oppdragsgiver, slik dokumentet sier (ikke kontrollert)
because-sole = { $a } har flertallet av stemmene i { $b } og i organet { $c }, som avgjør strategi og vesentlige beslutninger
because-joint-association = { $a } er medlem av { $b }, og medlemmene utpeker seter i { $c } i { $d }; sammen med de andre oppdragsgiverne har de flertallet der. Dette bygger på seter i { $e } utpekt av medlemmene i { $f }, og om det er felles kontroll etter § 3-2, er ikke rettslig avklart.
because-joint-member = { $a } er medlem av { $b }, og medlemmene utpeker seter i { $c } i { $d }; sammen med de andre oppdragsgiverne har de flertallet der

# Legal findings: message (f-), help (h-) and label (l-) texts of the analyses.
f-control-conflict = { $a } har { $b } % av stemmene i { $c } og bestemmer vedtektene i { $d }, mens andre oppdragsgivere hevder felles kontroll gjennom seter i { $e } som de samme vedtektene oppretter
h-control-conflict = la den juridiske betenkningen drøfte dette, bind setene utenfor eierens rekkevidde (en aksjonæravtale), eller gi medlemmene direkte aksjer med et eierråd
l-joint-claimed = felles kontroll hevdet gjennom { $a }
f-via-association = { $a } egenregiabonnementer bygger på seter i { $b } utpekt av medlemmene i { $c }; om det er felles kontroll etter § 3-2, er ikke rettslig avklart
f-via-association-one = 1 egenregiabonnement bygger på seter i { $a } utpekt av medlemmene i { $b }; om det er felles kontroll etter § 3-2, er ikke rettslig avklart
h-via-association-opinion = en juridisk betenkning foreligger ({ $a }); hold den oppdatert, og vurder direkte aksjer med et eierråd eller rygg-mot-rygg-kjøp gjennom { $b }
h-via-association-none = ingen juridisk betenkning om denne strukturen foreligger: legg en inn under legal_opinions (emne control-via-association), gi hver kommune direkte aksjer med et eierråd, eller kjøp rygg-mot-rygg gjennom { $a }
f-activity-share-award = den kvalifiserende aktiviteten til { $a } i perioden før tildelingen ({ $b }) er { $c } %, ikke over { $d } %
f-activity-share = den kvalifiserende aktiviteten til { $a } i perioden før { $b } er { $c } %, ikke over { $d } %
f-activity-margin = perioden før { $b } for { $a } består med { $c } %, mindre enn { $d } poeng over { $e } %
f-activity-trend = perioden før { $a } består med { $b } %, men { $c } alene er { $d } %
h-activity-left = kvalifiserende { $a } av { $b } kr over { $c }; perioden kunne hatt { $d } kr mer ikke-kvalifiserende aktivitet per år før den faller
h-activity-over = kvalifiserende { $a } av { $b } kr over { $c }; perioden faller allerede: { $d } kr for mye ikke-kvalifiserende aktivitet per år
f-private-capital-foundation = { $a } (stiftelse, { $b } % av kapitalen) er privat kapital i { $c }
h-private-capital = enhver privat eierandel utelukker egenregi, uansett hvor liten, med mindre den er lovpålagt og verken gir kontroll eller blokkeringsmakt (mandated_by_law: true)
f-contrary-interests = { $a } kan forfølge interesser som strider mot oppdragsgivernes: vedtektene tillater utbytte til eierne
h-contrary-interests = vedtektene må fastsette et ikke-kommersielt formål og forby utbytte (non_commercial: true, profit_distribution: prohibited)
f-private-opening = vedtektene til { $a } tillater private eiere
h-private-opening = én aksje solgt til en privat part ville avslutte egenregigrunnlaget for alle abonnementer; lukk det i vedtektene
f-not-ca = { $a } tildeler i egenregi, men er ikke offentlig oppdragsgiver
f-no-assessment = { $a } abonnerer på { $b } i egenregi uten en skriftlig vurdering
h-no-assessment = oppgi den skriftlige egenregivurderingen i feltet assessment (oppdragsgiveren har bevisbyrden)
f-no-reference = { $a } abonnerer på { $b } etter konkurranse, men oppgir ingen kunngjøringsreferanse
f-board-autonomy = styret { $a } i { $b } avgjør strategi og vesentlige beslutninger
h-board-autonomy = overlat strategi og vesentlige beslutninger til et organ for eierne eller medlemmene; styret avgjør driften

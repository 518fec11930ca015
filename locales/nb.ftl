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
  }; { $waived } funn unntatt
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

condition-buyer = Kjøper er oppdragsgiver
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
path-owners-in = eierne i { $body }
path-seat = sete
path-sole-control-of = enekontroll over { $c }

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
chart-incomplete = ufullstendig
chart-window = { $years }: { $share }, { $verdict } (før { $date })
year-actual = regnskap
year-projected = prognose
year-missing = mangler
year-invalid = ugyldig rapport
year-not-established = før leverandøren ble etablert
year-currency = beløp i { $currency }
year-projection-set-aside = prognosen { $report } er ikke brukt: en rapport med faktiske tall dekker året
year-unreadable = { $count ->
    [one] 1 beløp kan ikke leses eller er for stort til å legges sammen, og er holdt utenfor begge summene
   *[other] { $count } beløp kan ikke leses eller er for store til å legges sammen, og er holdt utenfor begge summene
  }
year-unclassified = { $count ->
    [one] 1 linje kan ikke klassifiseres og er bare med i totalen
   *[other] { $count } linjer kan ikke klassifiseres og er bare med i totalen
  }
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

# Tekstene fra analysene (funnenes melding, råd og merknader; vurderingenes begrunnelser,
# forutsetninger og hva de ikke sjekker). Navn vises som navn.

list = { $items }
list-and = { $init } og { $last }
list-or = { $init } eller { $last }
as-is = { $text }
invalid-document = { $document } er ugyldig
invalid-document-because = { $document } er ugyldig (skjemakontrollen melder: { $error })
duplicate-document = { $document } er definert to ganger, i { $first } og i { $second }, og det er ukjent hvilken som gjelder
dangling-reference = { $at } viser til { $id }, som ingen dokumenter definerer, så det er ukjent hva henvisningen gjelder
contradictory-document = { $document } motsier seg selv: { $error }, og det er ukjent hvilket tall som stemmer
ownership-over = eierandelene i { $entity } er til sammen { $total } % av { $measure ->
    [votes] stemmene
   *[other] kapitalen
  } på denne datoen
explanation-but = { $first }; men { $why }
see-the-decision = se vurderingen
entity-kind = { $kind ->
    [municipality] kommune
    [county] fylkeskommune
    [state-agency] statlig virksomhet
    [association] forening
    [company] selskap
    [foundation] stiftelse
    [private] privat virksomhet
    [private-nonprofit] ideell privat virksomhet
   *[other] { $kind }
  }
because-buyer-kind = { $kind ->
    [municipality] kommune
    [county] fylkeskommune
    [state-agency] statlig virksomhet
    [association] forening
    [company] selskap
    [foundation] stiftelse
    [private] privat virksomhet
    [private-nonprofit] ideell privat virksomhet
   *[other] { $kind }
  }

nc-control-practice = hvordan kontrollen utøves i praksis (protokoller, instrukser til styret)
nc-assessment = om den skriftlige egenregivurderingen som er oppgitt i `assessment`, bærer tildelingen (bare at den er oppgitt, er sjekket)
nc-accounts = at aktivitetsrapportene stemmer med det reviderte årsregnskapet
nc-competition = om selve konkurransen var lovlig gjennomført
nc-genuine-cooperation = om samarbeidet er reelt og bare styres av hensyn knyttet til allmennhetens interesse (C-429/19 Remondis; C-383/21 og C-384/21)

## Beløp og aktivitetsperioder
amount-not-decimal = { $amount } er ikke et rent desimalbeløp (sifre, eventuelt `.` og høyst to desimaler)
amount-decimals = { $amount } har { $decimals } desimaler; beløp har høyst to (øre), og egenregi runder aldri av
amount-too-large = { $amount } er for stort
amount-sum-too-large = { $amount } gjør summen for { $year } større enn egenregi kan legge sammen nøyaktig (høyst { $most })
h-sum-too-large = kontroller beløpene mot årsregnskapet: ingen virksomhet har aktivitet i nærheten av dette
window-sum-too-large = summen for { $year } er større enn egenregi kan legge sammen nøyaktig
window-total-too-large = periodens sum er større enn egenregi kan legge sammen nøyaktig
f-window-too-large = med { $year } blir aktiviteten til { $provider } i perioden før { $date } større enn egenregi kan legge sammen nøyaktig (høyst { $most }); perioden kan ikke vurderes
f-amount = beløpet: { $why }
h-amount = skriv beløpet i rapportens valuta med høyst to desimaler, for eksempel `1250000.50`
window-not-established = { $provider } fantes ikke { $date } (stiftet { $established })
window-invalid-report = { $reason }, og den kan gjelde et år i perioden
window-two-reports = to rapporter gjelder { $year }: { $first } og { $second }
f-window-two-reports = { $why } for { $provider }; ingen periode som omfatter { $year }, kan vurderes
h-window-two-reports = behold én rapport per år (den andre ligger i { $other })
f-projection-closed-year = { $year } for { $provider } bygger på en prognose, selv om { $year } var avsluttet { $as_of } og { $provider } har tre eller flere avsluttede regnskapsår og ingen omorganisering i perioden
h-projection-closed-year = prognoser kan bare brukes for et nytt selskap, for inneværende år før en planlagt tildeling eller etter en omorganisering (`reorganisations`); oppgi faktiske tall for det avsluttede året
window-projection-inadmissible = { $year } bygger på en prognose som ikke kan legges til grunn
f-actual-open-year = { $report } oppgir faktiske tall for { $year }, men { $year } var ikke avsluttet på vurderingsdatoen { $as_of }
h-actual-open-year = tall for et år som ikke er avsluttet, er en prognose: oppgi `basis: projected` med `projection.approved_by`, `projection.prepared` og dokumentasjon, eller vurder på en dato etter at { $year } er avsluttet (`--as-of`)
window-actual-open-year = { $report } oppgir faktiske tall for { $year }, som ikke var avsluttet på vurderingsdatoen
window-projection-unsupported = { $year } bygger på en prognose som ikke oppgir hvem som godkjente den, når den ble laget og hva den bygger på, slik en prognose må for å vise at målingen er troverdig (art. 12 nr. 5 annet ledd)
window-indirect-joint = aktiviteten for { $who } regnes med bare fordi de kontrollerende oppdragsgiverne kontrollerer den indirekte og i fellesskap, gjennom et rettssubjekt de kontrollerer sammen; art. 12 nr. 3 sier ikke dette uttrykkelig (uavklart: be om en juridisk vurdering)
window-fewer-years = perioden bygger på { $count ->
    [one] ett år
   *[other] { $count } år
  } med aktivitet ({ $years }): loven krever da at det vises at målingen er troverdig, særlig ved hjelp av forretningsprognoser (art. 12 nr. 5 annet ledd)
f-group-report-missing = { $provider } kontrollerer { $sub }, men ingen aktivitetsrapport for { $sub } gjelder { $year }: det er konsernets omsetning som måles (C-692/23)
h-group-report-missing = legg inn rapporten til { $sub } for { $year }, eller gi rapporten til { $provider } `scope: consolidated` med konsernets tall
window-group-incomplete = konsernets omsetning for { $year } er ufullstendig: ingen rapport for { $sub }
window-amount = et beløp i { $report } kan ikke leses nøyaktig
f-line-not-existing = linje { $line } i { $report } oppgir { $who } som kjøper i { $year }, men { $who } { $when }
existed-from = ble opprettet { $date }
existed-until = ble oppløst { $date }
h-line-not-existing = rapporter aktiviteten under den oppdragsgiveren som kjøpte den da (egenregi vurderer en oppløst oppdragsgivers aktivitet som etterfølgernes)
line-not-existing = en linje i { $report } oppgir { $who }, som ikke fantes i { $year }
f-line-dissolved = linje { $line } i { $report } kan ikke klassifiseres: { $why }
f-successors-split = { $who } er oppløst, og aktiviteten vurderes som etterfølgernes, som er delt: { $outside } utenfor den kontrollerende gruppen, de andre i den
f-successors-none = { $who } er oppløst, og aktiviteten vurderes som etterfølgernes, men ingen etterfølgere er oppgitt (`successors`)
h-line-dissolved = del linjen etter hvilken etterfølger som overtok hver oppgave, eller oppgi etterfølgerne til { $who } under `successors`
line-dissolved = en linje i { $report } for oppløste { $who } kan ikke klassifiseres etter etterfølgerne
f-years-missing = ingen aktivitetsrapport gjelder { $years } for { $provider } (trengs for perioden før { $date })
h-years-missing = legg inn en aktivitetsrapport med `provider: { $provider }` for { $count ->
    [one] året
   *[other] hvert av årene
  } { $years } (regnskapstall, eller prognose for et nytt selskap)
window-years-missing = ingen rapport gjelder { $years }
f-mixed-measures = perioden før { $date } blander målestokker ({ $measures }); bruk én målestokk per periode
h-mixed-measures = rapporter hvert år i perioden med samme målestokk (omsetning eller kostnader)
window-mixed-measures = perioden blander målestokker ({ $measures })
f-mixed-currencies = perioden før { $date } blander valutaer ({ $currencies }); beløpene kan ikke legges sammen
h-mixed-currencies = rapporter hvert år i perioden i én valuta ({ $usual }), omregnet som i årsregnskapet
window-mixed-currencies = perioden blander valutaer ({ $currencies })
window-no-activity = ingen målbar aktivitet i perioden (totalt 0)
f-no-activity = aktivitetsperioden for { $provider } før { $date } har ingen målbar aktivitet: en andel av ingenting beviser ingenting
h-no-activity = rapporter aktiviteten for hvert år; tilskudd er ikke omsetning (bruk `measure: costs` når aktiviteten er tilskuddsfinansiert)
what-window = aktivitetsperioden for { $provider } før { $date }
what-line = linje { $line } i { $report }
what-lumped-line = samlelinjen { $line } i { $report }
what-subscription = egenregiabonnementet til { $buyer } på { $service }
what-subscriptions = egenregiabonnementene til { $tenant }
line-group-unknown = det er ukjent om { $who } hører til den kontrollerende gruppen: { $reason }
line-group-unknown-in = linjene for { $who } kan ikke klassifiseres, fordi det er ukjent om { $who } hører til den kontrollerende gruppen: { $reason }
line-entrusted-unknown = det er ukjent hvem som har tildelt oppdraget på en linje i { $report }: { $reason }
line-undefined = en linje i { $report } viser til { $who }, som ikke er definert
members-unknown-why = { $reason }, så det er ukjent hvem som er medlem av { $association }
members-unknown = medlemmene av { $association } er ukjent: { $reason }
names-more = { $names }{ $more ->
    [0] {""}
   *[other] {" "}med flere
  }
f-lumped-line = samlelinjen { $line } i { $report } kan ikke klassifiseres: { $names } { $count ->
    [one] er medlem
   *[other] er medlemmer
  } av { $association }, men ikke i den kontrollerende gruppen
h-lumped-line = del opp linjen: én linje per kunde, eller en samlelinje for medlemmene som kontrollerer leverandøren og egne linjer for { $names }
line-lumped-mixed = samlelinjen { $line } i { $report } blander medlemmer i og utenfor den kontrollerende gruppen
f-not-assessed = { $what } er ikke vurdert: { $why }
h-not-assessed = rett { $document } først; analysene vurderer aldri det de ikke kunne lese
unread-file = { $path } kunne ikke leses ({ $rule }), og { $what } der kan være et denne vurderingen avhenger av
unread-doc-named = dokumentet { $document }
unread-doc-kind = { $kind }-dokumentet
unread-doc-unknown = et dokument
f-unread = vurderingene er ikke gjort: { $why }
h-unread = rett { $path } slik at den kan leses; ingen vurdering er oppfylt på grunnlag av en fil ingen kunne lese
l-invalid-here = { $document } er ugyldig her; skjemakontrollen melder: { $error }
l-duplicate-here = { $document } er definert på nytt her
l-dangling-here = ingen dokumenter definerer { $id }
projection-approved-by = hvem som har godkjent den (`projection.approved_by`)
projection-prepared = når den ble utarbeidet (`projection.prepared`)
projection-evidence = forretningsplanen den bygger på (`evidence`)
f-projection-ok = { $year } bygger på en prognose (godkjent, datert og dokumentert); erstatt den med faktiske tall når året er avsluttet
f-projection-incomplete = { $year } bygger på en prognose som ikke oppgir { $missing }
h-projection = prognoser kan bare legges til grunn for et nytt selskap, for inneværende år før en planlagt tildeling eller etter en omorganisering, og bare som troverdige forretningsprognoser som er dokumentert
because-activity-share = { $share } % av aktiviteten til { $provider } i perioden ble utført for den kontrollerende gruppen; mer enn { $threshold } % kreves
because-activity-sole-reading = forutsatt at { $owner } har enekontroll over { $provider }, ble { $share } % av virksomheten til { $provider } i perioden utført for { $owner } og de juridiske personene den har enekontroll over; det kreves mer enn { $threshold } % (art. 12 nr. 1 bokstav b)
f-activity-share-award = den kvalifiserende aktiviteten til { $provider } i perioden før tildelingen ({ $date }) er { $share } %, ikke over { $threshold } %
f-activity-margin = perioden før { $date } for { $provider } består med { $share } %, mindre enn { $margin } prosentpoeng over { $threshold } %
f-activity-trend = perioden før { $date } består med { $share } %, men { $year } alene er { $latest } %
h-activity = kvalifiserende { $qualifying } av { $total } { $currency ->
    [NOK] kr
   *[other] { $currency }
  } over { $years }; { $headroom }
headroom-carry = perioden kunne hatt { $amount } { $currency ->
    [NOK] kr
   *[other] { $currency }
  } mer ikke-kvalifiserende aktivitet per år før den faller
headroom-fails = perioden faller allerede: { $amount } { $currency ->
    [NOK] kr
   *[other] { $currency }
  } for mye ikke-kvalifiserende aktivitet per år

## Kontroll (§ 3-1, § 3-2)
assume-association-ca = { $id } er offentlig oppdragsgiver: alle de { $count } medlemmene per { $date } er det (anskaffelsesloven § 2, sammenslutninger av offentlige oppdragsgivere)
assume-stated-ca-ground = { $id } er offentlig oppdragsgiver, slik dokumentet oppgir: { $ground }
assume-stated-ca = { $id } er offentlig oppdragsgiver, slik dokumentet oppgir (ikke kontrollert)
assume-sole-control = { $b } har enekontroll over { $provider } per { $date }
not-yet-established = { $id } fantes ikke { $date }: den ble stiftet { $from }
no-longer-existed = { $id } fantes ikke lenger { $date }: den ble oppløst { $to }{ $successors ->
    [0] {""}
   *[other] ; etterfølgerne { $names } må selv oppfylle vilkårene
  }
because-sole = { $a } har flertallet av stemmene i { $c } og i organet { $body }, som avgjør strategiske mål og viktige beslutninger
because-chain = { $a } kontrollerer { $c } gjennom en kjede av enekontroll: { $chain }
because-indirect-joint = { $first }; { $b } har i sin tur enekontroll over { $c } (indirekte felles kontroll)
because-reverse = { $c } har enekontroll over { $a } ({ $chain }): en kontrollert juridisk person kan tildele kontrakt til den som kontrollerer den (art. 12 nr. 2)
because-sister = { $x } har enekontroll over både { $a } og { $c }: en juridisk person kan tildele kontrakt til en annen som kontrolleres av samme oppdragsgiver (art. 12 nr. 2)
because-joint-member = { $a } er medlem av { $x }, og medlemmene utpeker seter i { $b } i { $c }; sammen med de andre oppdragsgiverne har de flertallet der
because-joint-seat = { $a } utpeker et sete i { $body } i { $c }; sammen med de andre oppdragsgiverne har den flertallet
because-via-association = { $first }. Kontrollen bygger på seter i { $body } utpekt av medlemmene i { $x }, og om det er felles kontroll etter § 3-2, er ikke rettslig avklart
because-via-association-private = { $first }. Kontrollen bygger på seter i { $body } utpekt av medlemmene i { $x }, og om det er felles kontroll etter § 3-2, er ikke rettslig avklart; dessuten har { $x } medlemmer som ikke er offentlige oppdragsgivere ({ $members }), så om setene regnes som utpekt av offentlige oppdragsgivere, er uavklart (private medlemmer av den kontrollerende er ikke direkte privat kapital: fortale 32)
because-indirect-unsettled = { $first }; om felles kontroll over et mellomledd som kontrollerer leverandøren, er kontroll etter § 3-2, er ikke avklart
because-token = { $first }; men { $buyer } har bare { $share } % av stemmene, en deltakelse som kan være rent formell (C-182/11 Econord)
because-control-conflict = { $first }; men { $owner } har { $votes } % av stemmene og { $share } % av kapitalen i { $provider } og kan alene endre vedtektene i { $owners_body } (det kreves to tredjedeler av begge, aksjeloven § 5-18), så setene i { $seat_body } som denne felles kontrollen bygger på, finnes bare så lenge { $owner } beholder dem: enekontroll og felles kontroll over samme selskap på samme tid er en motsetning som må vurderes juridisk
because-control-articles-only = { $first }; men { $owner } har { $votes } % av stemmene og { $share } % av kapitalen i { $provider } og kan alene endre vedtektene i { $owners_body } (det kreves to tredjedeler av begge, aksjeloven § 5-18), så organene som avgjør strategiske mål og viktige beslutninger, finnes bare slik vedtektene sier: om den makten er avgjørende innflytelse over begge (enekontroll, art. 12 nr. 1 bokstav a), er uavklart og må vurderes juridisk
because-control-blocked = ingen kontrollvei ble funnet, men { $reason }, og kontrollveien kan gå gjennom den
missing-unknown-entity = { $c } er ingen kjent enhet
missing-no-majority = { $a } er representert i { $body } i { $c }, men setene som offentlige oppdragsgivere utpeker, er ikke flertall ({ $public } av { $total })
missing-state-agency = { $a } er en statlig virksomhet: den eier ingen aksjer i { $c } og utpeker ikke noe sete i et organ som avgjør strategiske mål og viktige beslutninger, og kan derfor ikke kjøpe i egenregi
missing-reverse-joint = { $c } kontrollerer { $a } bare sammen med andre; art. 12 nr. 2 tillater tildeling til den som har enekontroll, og for felles kontroll finnes det ikke noe uttrykkelig grunnlag; om unntaket også gjelder ved felles kontroll, må vurderes juridisk
missing-sister-joint = { $x } kontrollerer både { $a } og { $c }, men ikke alene; art. 12 nr. 2 tillater tildeling mellom juridiske personer under samme enekontroll, og for felles kontroll finnes det ikke noe uttrykkelig grunnlag; om unntaket også gjelder ved felles kontroll, må vurderes juridisk
missing-membership-ended = medlemskapet til { $a } i { $x } opphørte { $to }, så setene i { $body } som medlemmene i { $x } utpeker, representerer den ikke lenger
missing-membership-starts = medlemskapet til { $a } i { $x } begynner { $from }, så per { $date } representerer setene i { $body } som medlemmene i { $x } utpeker, den ikke
missing-not-member = { $a } er ikke medlem av { $x }, hvis medlemmer utpeker setene i { $body } i { $c }, og utpeker ikke noe sete selv
missing-no-seat = { $a } utpeker ikke noe sete i { $body } i { $c } (setene utpekes av { $by }); et sete som holdes for en annen oppdragsgiver, teller ikke
missing-no-deciding-body = { $c } har ikke noe organ som avgjør både strategiske mål og viktige beslutninger, så ingen kan kontrollere selskapet som sin egen avdeling
missing-board-only = i { $c } er det bare styret som avgjør strategiske mål og viktige beslutninger; kontrollen må gå gjennom et organ for eierne eller medlemmene, og styret er ingen av delene
missing-membership-alone = { $a } er medlem av { $x }, men medlemskap alene gir ikke kontroll over { $c }; { $c } har ikke noe besluttende organ med seter utpekt av medlemmene i { $x }
missing-not-member-owner = { $a } er ikke medlem av { $x } (som eier { $c }) per { $date }, og har verken aksjer eller seter selv
missing-minority = { $a } har { $votes } % av stemmene i { $c }, men ikke flertall, og utpeker ikke noe sete i et organ som avgjør strategiske mål og viktige beslutninger
missing-nothing = { $a } eier ingen aksjer i { $c } og utpeker ikke noe sete i et organ som avgjør strategiske mål og viktige beslutninger
f-control = { $buyer } kjøper { $service } i egenregi fra { $provider }, men har ingen kontrollvei per { $date }: { $why }
h-control = bruk et annet grunnlag (konkurranse, samarbeid, under beløpsgrensen), eller gi oppdragsgiveren representasjon i selskapets besluttende organ
f-via-association = { $count ->
    [one] 1 egenregiabonnement bygger
   *[other] { $count } egenregiabonnementer bygger
  } på seter i { $body } utpekt av medlemmene i { $x }; om det er felles kontroll etter § 3-2, er ikke rettslig avklart
h-via-association-opinion = en juridisk betenkning foreligger ({ $reference }); hold den oppdatert, og vurder direkte eierskap med et eierråd eller rygg-mot-rygg-kjøp gjennom { $x }
h-via-association-none = ingen juridisk betenkning om denne strukturen foreligger: legg inn en under `legal_opinions` (emne `control-via-association`), gi hver kommune direkte eierskap med et eierråd, eller kjøp rygg-mot-rygg gjennom { $x }
f-indirect-joint = { $count ->
    [one] 1 egenregiabonnement bygger
   *[other] { $count } egenregiabonnementer bygger
  } på felles kontroll over { $b }, som alene kontrollerer { $provider }; indirekte felles kontroll er ikke uttrykkelig regulert i art. 12 nr. 3
h-indirect-joint = legg inn en juridisk betenkning (`legal_opinions`), eller la oppdragsgiverne eie leverandøren direkte med et eierråd
f-token = { $authority } hevder felles kontroll over { $provider } med { $share } % av stemmene og uten eget sete: en deltakelse som kan være rent formell
h-token = gi oppdragsgiveren et eget sete i organet som avgjør strategiske mål og viktige beslutninger, eller en reell andel av stemmene
f-control-conflict = { $owner } har { $votes } % av stemmene i { $provider } og kan alene endre vedtektene i { $owners_body }, mens andre oppdragsgivere hevder felles kontroll gjennom seter i { $seat_body } som de samme vedtektene oppretter
h-control-conflict = la den juridiske betenkningen drøfte dette, bind setene utenfor eierens rekkevidde (en aksjonæravtale), eller gi medlemmene direkte eierskap med et eierråd
f-control-articles-only = { $buyer } kjøper { $service } i egenregi fra { $provider } per { $date } uten sete i organene som avgjør strategiske mål og viktige beslutninger, og bygger på at den alene kan endre vedtektene
h-control-articles-only = la den juridiske betenkningen drøfte om eneeierens makt over vedtektene er avgjørende innflytelse, eller legg strategiske mål og viktige beslutninger til eierorganet
f-activity-sole-reading = { $buyer } bygger på enekontroll over { $provider } gjennom vedtektene, men etter den lesningen ble bare { $share } % av virksomheten til { $provider } i perioden før { $date } utført for { $buyer } og de juridiske personene den har enekontroll over; det kreves mer enn { $threshold } %, og etter den andre lesningen har { $buyer } ingen kontroll i det hele tatt
h-activity-sole-reading = bruk et annet grunnlag (konkurranse, samarbeid, under beløpsgrensen): ingen av lesningene av kontrollen over selskapet lar { $buyer } kjøpe i egenregi
l-joint-claimed = felles kontroll hevdet gjennom { $body }
f-decisive-influence = ikke noe organ for eierne eller medlemmene i { $provider } avgjør både strategiske mål og viktige beslutninger
h-decisive-influence = gi en generalforsamling, et representantskap eller et eierråd der eierne eller medlemmene utpeker setene, `decides: [strategy, significant-decisions]`
f-board-autonomy = styret { $board } i { $provider } avgjør { $decides }
h-board-autonomy = legg strategiske mål og viktige beslutninger til et organ for eierne eller medlemmene; styret har ansvaret for driften

## Oppdragsgiveren, privat kapital og motstridende interesser
because-buyer-not-ca = { $buyer } ({ $kind }) er ikke offentlig oppdragsgiver
because-activity-controller-unknown = { $x } kontrollerer { $provider }, men er en sammenslutning uten registrerte medlemmer: om den er offentlig oppdragsgiver, og dermed om aktiviteten for den kvalifiserer, kan ikke utledes
because-activity-votes-incomplete = eierandelene som er oppført i { $entity }, gir til sammen { $total } % av stemmene: det står ikke hvem som har de øvrige { $missing } %, og har de kontroll over { $entity } (og dermed del i kontrollen over leverandøren), teller aktiviteten for dem med i andelen
because-buyer-no-members = { $buyer } er en sammenslutning uten registrerte medlemmer og uten oppgitt status: om den er offentlig oppdragsgiver, kan ikke utledes (anskaffelsesloven § 2 leser det av medlemmene)
because-buyer-stated-true = { $buyer } er oppgitt å være offentlig oppdragsgiver, men ikke alle medlemmene er det, og ingen `contracting_authority_ground` forklarer hvorfor den likevel er det
because-buyer-stated-false = { $buyer } er oppgitt ikke å være offentlig oppdragsgiver, men alle medlemmene er det, noe som gjør den til en (anskaffelsesloven § 2), og ingen `contracting_authority_ground` forklarer hvorfor den ikke er det
because-owner-no-members = { $owner } er en sammenslutning uten registrerte medlemmer, så om eierandelen er offentlig, kan ikke utledes
f-association-no-members = { $e } tildeler i egenregi, men er en sammenslutning uten registrerte medlemmer og uten oppgitt status: om den er offentlig oppdragsgiver, kan ikke utledes
h-association-no-members = registrer medlemmene (`member_of` på hvert medlem), eller oppgi `contracting_authority` med `contracting_authority_ground`
f-stated-not-ca-ungrounded = { $e } er oppgitt ikke å være offentlig oppdragsgiver, men alle medlemmene ({ $members }) er det, noe som gjør den til en (anskaffelsesloven § 2); det er ikke oppgitt noe grunnlag
h-stated-not-ca-ungrounded = oppgi `contracting_authority_ground` (hvorfor sammenslutningen ikke er offentlig oppdragsgiver selv om medlemmene er det), eller fjern opplysningen slik at statusen følger medlemmene
f-not-ca = { $e } tildeler i egenregi, men er ikke offentlig oppdragsgiver
h-not-ca = bare en offentlig oppdragsgiver kan tildele kontrakt i egenregi; oppgi `contracting_authority: true` med `contracting_authority_ground` dersom den er et offentligrettslig organ
undefined-role = { $role ->
    [buyer] oppdragsgiveren
    [provider] leverandøren
    [owner] eieren
    [service] tjenesten
   *[other] { $role }
  } { $id } er ikke definert
holding = { $owner } ({ $share } %)
because-private-capital = { $holders } { $count ->
    [one] eier
   *[other] eier
  } kapital i { $provider } og er ikke offentlig oppdragsgiver
because-capital-unknown = det er ukjent hvem som eier kapital i { $provider }: { $why }
because-no-owners = { $provider } har ingen eiere oppført
because-capital-incomplete = eierandelene som er oppført i { $provider } per { $date }, er til sammen { $total } % av kapitalen: det står ikke hvem som eier de øvrige { $missing } %, og en privat eier av dem ville være direkte privat kapital
f-capital-incomplete = eierandelene som er oppført i { $provider }, er til sammen { $total } % av kapitalen per { $date }: det står ikke hvem som eier de øvrige { $missing } %, så privat kapital er ikke vurdert i { $count ->
    [one] én egenregibeslutning
   *[other] { $count } egenregibeslutninger
  }
h-capital-incomplete = før opp alle som eier kapital, med `share`, og dater eierandeler som har skiftet eier med `from` og `to`; andelene som gjelder på én dato, er til sammen 100 %
because-votes-incomplete = { $first }; men eierandelene som er oppført i { $entity }, gir til sammen { $total } % av stemmene: det står ikke hvem som har de øvrige { $missing } %, og med dem kan { $buyer } ha kontroll, alene eller sammen med andre offentlige oppdragsgivere
f-votes-incomplete = eierandelene som er oppført i { $provider }, gir til sammen { $total } % av stemmene per { $date }: det står ikke hvem som har de øvrige { $missing } %, så det er ikke kjent hvem som kontrollerer det, og { $count ->
    [one] én egenregibeslutning
   *[other] { $count } egenregibeslutninger
  } er ikke vurdert
h-votes-incomplete = oppgi `votes` for eierandeler der stemmene avviker fra `share`, og før opp alle eiere; stemmene for andelene som gjelder på én dato, er til sammen 100 %
because-owners-public = alle eierne av { $provider } er offentlige oppdragsgivere
because-owners-publicly-held = alle eierne av { $provider } er offentlige oppdragsgivere eller, som { $held }, eid av offentlige oppdragsgivere hele veien opp i kjeden (et mellomledd må ikke selv være offentlig oppdragsgiver)
because-owners-association = alle eierne av { $provider } er offentlige oppdragsgivere eller, som { $associations }, en sammenslutning med offentlige oppdragsgivere blant medlemmene (eventuelle private medlemmer er ikke direkte privat kapital i { $provider }: fortale 32)
holding-by-law = { $owner } ({ $share } % av kapitalen, { $votes } % av stemmene)
because-private-admitted = { $holders } er { $count ->
    [one] den eneste eieren
   *[other] de eneste eierne
  } av { $provider } som ikke er offentlig oppdragsgiver; { $count ->
    [one] den eierandelen
   *[other] de eierandelene
  } er lovpålagt, gir verken kontroll eller blokkeringsmakt (mer enn { $blocking } av stemmene eller av kapitalen blokkerer en vedtektsendring, aksjeloven § 5-18) og gir ikke avgjørende innflytelse (ikke eget sete i et besluttende organ): tillatt etter lovunntaket
f-private-capital = { $owner } ({ $kind }, { $share } % av kapitalen) er privat kapital i { $provider }
f-private-capital-by-law = { $owner } ({ $kind }, { $share } % av kapitalen) er privat kapital i { $provider }, selv om eierandelen er lovpålagt: med { $share } % av kapitalen og { $votes } % av stemmene, eller et eget sete, gir den kontroll eller blokkeringsmakt (mer enn { $blocking } av stemmene eller av kapitalen blokkerer en vedtektsendring, aksjeloven § 5-18)
h-private-capital = enhver privat eierandel utelukker egenregi, uansett hvor liten, med mindre den er lovpålagt og verken gir kontroll eller blokkeringsmakt (`mandated_by_law: true`)
l-owner-kind = { $owner } er { $kind }
f-private-opening = vedtektene til { $provider } åpner for private eiere
h-private-opening = én aksje solgt til en privat part ville gjøre slutt på egenregigrunnlaget for alle abonnementer; steng for det i vedtektene
f-private-members = { $association } ligger på en kontrollvei og har medlemmer som ikke er offentlige oppdragsgivere: { $members }
f-private-members-ungrounded = { $association } ligger på en kontrollvei og har medlemmer som ikke er offentlige oppdragsgivere: { $members }; den oppgitte `contracting_authority: true` kan ikke utledes av medlemmene, og det er ikke oppgitt noe grunnlag
h-private-members = private medlemmer i den kontrollerende sammenslutningen er ikke direkte privat kapital, men bør vektlegges i den juridiske vurderingen
h-private-members-ungrounded = oppgi `contracting_authority_ground` (hvorfor sammenslutningen er offentlig oppdragsgiver selv om ikke alle medlemmene er det); private medlemmer er ikke direkte privat kapital, men bør vektlegges i den juridiske vurderingen
l-stated-without-ground = oppgitt her, uten grunnlag
f-contrary-interests = { $c } kan forfølge interesser som strider mot oppdragsgivernes: { $why ->
    [both] vedtektene sier ikke at formålet er ikke-kommersielt, og de tillater utbytte til eierne
    [commercial] vedtektene sier ikke at formålet er ikke-kommersielt
   *[profit] vedtektene tillater utbytte til eierne
  }
h-contrary-interests = vedtektene må fastsette et ikke-kommersielt formål og forby utbytte (`non_commercial: true`, `profit_distribution: prohibited`)
contrary-no-articles-in-force = ingen versjon av vedtektene (`articles`) til { $c } gjelder på vurderingsdatoen: ingenting viser et ikke-kommersielt formål uten utbytte
contrary-no-articles = { $c } har ingen vedtekter (`articles`): ingenting viser et ikke-kommersielt formål uten utbytte
because-non-commercial = vedtektene fastsetter et ikke-kommersielt formål og forbyr utbytte
because-profit-public = vedtektene til { $provider } tillater utbytte til eierne, som alle er offentlige oppdragsgivere: ikke åpenbart i strid med deres interesser, men til vurdering
f-profit = vedtektene til { $provider } tillater utbytte til eierne; alle er offentlige oppdragsgivere, så dette er til vurdering og ikke et brudd
h-profit = forby utbytte i vedtektene (`profit_distribution: prohibited`), eller dokumenter vurderingen i en juridisk betenkning

## Kontinuitet og planlagte endringer
f-continuity-condition = vilkåret «{ $label }» var oppfylt da abonnementet til { $buyer } på { $service } ble tildelt ({ $award }), men er ikke oppfylt { $date }: { $why }
h-continuity-condition = egenregigrunnlaget falt bort mens abonnementet løper; vurder det på nytt (ny tildeling på et annet grunnlag, eller gjenopprett vilkåret)
f-continuity-control = { $buyer } kontrollerte { $provider } da abonnementet ble tildelt ({ $award }), men ikke { $date }: { $why }
h-continuity-control = egenregigrunnlaget falt bort mens abonnementet løper; vurder det på nytt (ny tildeling på et annet grunnlag, eller gjenopprett kontrollen)
f-continuity-activity = aktiviteten til { $provider } oppfylte kravet ved tildelingen, men perioden før { $date } er { $share } %, ikke over { $threshold } %
change-membership-ends = medlemskapet til { $id } i { $association } opphører { $date }
change-dissolved = { $id } oppløses { $date }
change-holding = eierandelen til { $owner } i { $id } { $verb ->
    [starts] begynner
   *[ends] opphører
  } { $date }
change-body = organet { $body } i { $id } { $verb ->
    [starts] opprettes
   *[ends] opphører
  } { $date }
change-seats = setene i { $body } i { $id } { $verb ->
    [starts] begynner
   *[ends] opphører
  } { $date }
change-articles-new = nye vedtekter for { $id } trer i kraft { $date }
change-articles-end = vedtektene for { $id } som gjelder til { $date }, opphører
f-planned-change = egenregiabonnementet til { $buyer } på { $service } løper forbi { $date }, da vilkåret «{ $label }» ikke lenger vil være oppfylt: { $what }; fra da av gjelder at { $why }
f-planned-change-unknown = egenregiabonnementet til { $buyer } på { $service } løper forbi { $date }, da vilkåret «{ $label }» ikke lenger kan vurderes: { $what }; fra da av gjelder at { $why }
h-planned-change = vurder tildelingen på nytt før endringen trer i kraft: avslutt abonnementet (`until`), tildel det på et annet grunnlag, eller endre planen

## Anskaffelsesgrunnlag
because-tender = tildelt etter konkurranse, kunngjøring { $reference }
because-no-reference = ingen kunngjøringsreferanse er oppgitt
because-tender-no-award-date = kunngjøring { $reference } er oppgitt, men ikke tildelingsdatoen: om den kontrakten dekker abonnementet, er ikke kjent
because-used-before-award = kunngjøring { $reference }, men abonnementet begynte { $since }, før tildelingen { $awarded }: kontrakten dekker ikke tiden imellom
f-no-award-date = { $buyer } abonnerer på { $service } etter konkurranse (kunngjøring { $reference }), men oppgir ingen tildelingsdato
f-used-before-award = { $buyer } abonnerer på { $service } fra { $since }, før kontrakten etter kunngjøring { $reference } ble tildelt { $awarded }
h-used-before-award = kontrakten dekker abonnementet fra tildelingen: rett `since` eller `awarded` hvis en av dem er feil, eller gi tiden før et eget abonnement med det grunnlaget den hadde
because-placeholder = { $field } er fortsatt plassholderen { $value }, ikke et faktum det kan vurderes etter
f-no-reference = { $buyer } abonnerer på { $service } etter konkurranse, men oppgir ingen kunngjøringsreferanse
h-no-reference = legg inn `procurement: {"{"}reference: <kunngjøringsnummer>, awarded: <dato>{"}"}`
because-self-supply = { $buyer } leverer { $service } selv: en juridisk person inngår ikke kontrakt med seg selv, så det er ingenting å tildele i egenregi
f-self-supply = { $buyer } abonnerer i egenregi på { $service }, som den leverer selv: en juridisk person inngår ikke kontrakt med seg selv, så dette er ingen tildeling, og intet grunnlag gjelder
h-self-supply = en tjeneste { $buyer } driver selv, er ingen anskaffelse: ta abonnementet ut, eller oppgi den juridiske personen som faktisk leverer tjenesten, som `provider`
f-no-assessment = { $buyer } abonnerer på { $service } i egenregi uten en skriftlig egenregivurdering
h-no-assessment = oppgi den skriftlige egenregivurderingen i `assessment` (oppdragsgiveren har bevisbyrden)
because-unknown-basis = { $basis } er ikke et grunnlag egenregi kjenner
used-below-threshold = under beløpsgrensen
used-no-contract = uten kontrakt
value-stated = den oppgitte anslåtte verdien { $value }
value-term-months = årlig verdi { $annual } × { $months ->
    [one] 1 måned
   *[other] { $months } måneder
  } / 12, for den faste løpetiden { $since } til { $until } regnet fullt ut, måned for måned
value-term-days = årlig verdi { $annual } × { $days ->
    [one] 1 dag
   *[other] { $days } dager
  } / 365, for den faste løpetiden { $since } til { $until }, kortere enn en måned
value-term-months-days = årlig verdi { $annual } × { $months ->
    [one] 1 måned
   *[other] { $months } måneder
  } / 12, pluss { $annual } × { $days ->
    [one] 1 dag
   *[other] { $days } dager
  } / 365, for den faste løpetiden { $since } til { $until } regnet fullt ut: hele måneder som måneder, resten per dag
value-rounded-down = { $how }, avrundet ned til nærmeste øre
value-no-end = årlig verdi { $annual } × 4, fordi kontrakten ikke har sluttdato: 48 måneder
value-none = oppgir verken `annual_value` eller `estimated_value`
value-no-since = har en `since`-dato som ikke kan leses
value-until-before-since = har `until` før `since`
value-unreadable = har en verdi som ikke kan leses: { $why }
value-below-annual = oppgir en anslått verdi på { $value }, lavere enn den årlige verdien over avtaleperioden ({ $how })
because-no-floor = jurisdiksjonspakken har ingen beløpsgrense som gjelder { $date }
f-uses-but = { $buyer } bruker { $service } { $how }, men { $why }
f-uses-but-it = { $buyer } bruker { $service } { $how }, men abonnementet { $why }
h-no-floor = beløpsgrensen i pakken har versjoner fra 01.01.2017 (anskaffelsesloven § 2); en tidligere tildeling kan ikke vurderes her
because-value = anslått kontraktsverdi { $value } kr ({ $how }), mot en beløpsgrense på { $floor } kr
because-value-summed = anslått kontraktsverdi { $value } kr ({ $how }); sammen med oppdragsgiverens andre kontrakter om { $service } under beløpsgrensen eller uten kontrakt { $total } kr, mot en beløpsgrense på { $floor } kr
because-value-raised-floor = { $because }; den beløpsgrensen er satt i egenregi.kdl, og beløpsgrensen i jurisdiksjonspakken som gjaldt på tildelingsdagen, { $law } kr, er ikke oppfylt: til vurdering
because-value-set-floor = { $because }; den beløpsgrensen er satt i egenregi.kdl, og jurisdiksjonspakken har ingen beløpsgrense som gjaldt { $date }, å holde den opp mot: til vurdering
f-value-not-below = { $buyer } bruker { $service } { $how }, men den anslåtte kontraktsverdien er ikke under { $threshold } kr: { $because }
h-value-not-below = beløpsgrensen gjelder hele kontrakten (48 måneder når den ikke har sluttdato; kontrakter for samme behov legges sammen): oppgi `until`, en `estimated_value`, eller tildel på et annet grunnlag
because-value-unknown = kontraktsverdien kan ikke anslås: abonnementet { $why }
h-value-unknown = oppgi kontraktens årlige verdi (kroner eksklusive merverdiavgift) eller hele den anslåtte verdien (`estimated_value`), slik at beløpsgrensen kan kontrolleres
because-value-partial = anslått kontraktsverdi { $value } kr ({ $how }); sammen med oppdragsgiverens andre kontrakter om { $service } under beløpsgrensen eller uten kontrakt minst { $total } kr, men { $why }: om helheten er under beløpsgrensen på { $floor } kr, er ikke kjent
value-other-unknown = verdien av { $other } er ikke kjent
value-other-invalid = { $reason }, og det kan inneholde en annen av oppdragsgiverens kontrakter for samme behov
f-value-partial = { $buyer } bruker { $service } { $how }, men kontraktsverdien kan ikke legges sammen: { $why }
h-value-partial = hver kontrakt oppdragsgiveren har for samme behov, teller mot beløpsgrensen: oppgi verdien av hver, og rett dokumentet det ikke kan bygges på

## Samarbeid (§ 3-3)
because-coop-no-agreement = ingen samarbeidsavtale er registrert
f-coop-no-agreement = { $buyer } abonnerer på { $service } som samarbeid, men ingen samarbeidsavtale er registrert
h-coop-no-agreement = legg inn `cooperation: {"{"}agreement: <tittel>, parties: [<oppdragsgiver>, <leverandør>, ...], objectives: <felles mål>, evidence: <fil>{"}"}`
coop-names-no-agreement = oppgir ingen avtale
coop-party-unknown = det er ukjent om det omfatter { $who ->
    [buyer] oppdragsgiveren
   *[provider] leverandøren
  } { $id }: parten { $typo } viser ikke til noen enhet
coop-party-missing = har ikke { $who ->
    [buyer] oppdragsgiveren
   *[provider] leverandøren
  } { $id } blant partene
because-coop-agreement = avtalen { $agreement } mellom { $parties }
f-coop-wrong = samarbeidet til { $buyer } om { $service } { $what }
h-coop-wrong = § 3-3 gjelder en kontrakt mellom de samarbeidende oppdragsgiverne selv: oppgi avtalen og før opp oppdragsgiveren og leverandøren som parter
because-coop-wrong = samarbeidet { $why }
assume-coop-objectives = de oppgitte målene, «{ $objectives }», er lagt til grunn som felles mål i allmennhetens interesse
because-coop-no-objectives = samarbeidets felles mål i allmennhetens interesse er ikke oppgitt
f-coop-no-objectives = samarbeidet til { $buyer } om { $service } oppgir ingen felles mål
h-coop-no-objectives = legg inn `objectives:`: de målene i allmennhetens interesse som partene forfølger sammen
because-no-award-date = tildelingsdatoen kan ikke leses
party-not-entity = { $party } er ikke en enhet i repositoriet
f-coop-party-not-ca = { $party } er part i samarbeidet om { $service }, men er ikke offentlig oppdragsgiver { $date }
h-coop-party-not-ca = samarbeid etter § 3-3 kan bare skje mellom offentlige oppdragsgivere; en kontrakt med enhver annen part krever konkurranse eller et annet grunnlag
assume-coop-no-reports = { $party } har ingen aktivitetsrapporter: aktiviteten i det åpne markedet er lagt til grunn å være under { $limit } %
coop-no-reports = { $party } har ingen aktivitetsrapporter for de tre årene før { $date }
f-coop-no-reports = markedsandelen til { $party }, part i samarbeidet om { $service }, kan ikke måles: den har ingen aktivitetsrapporter
h-coop-no-reports = legg inn aktivitetsrapportene for de tre regnskapsårene før tildelingen (art. 12 nr. 5)
coop-market-unknown = markedsandelen til { $party } i { $span } kan ikke vurderes: { $why }
f-coop-market = { $why } (samarbeid om { $service })
h-coop-market-unknown = aktivitetsrapportene til hver part for de tre årene før tildelingen må være fullstendige
coop-market-share = { $party } { $share } % i { $span }
coop-market-fails = { $party } utfører { $share } % av aktiviteten sin i det åpne markedet i { $span }, ikke under { $limit } %
h-coop-market-fails = hver part må utføre mindre enn 20 % av de berørte aktivitetene i det åpne markedet (art. 12 nr. 4 bokstav c, målt etter art. 12 nr. 5)
because-coop-parties-not-ca = { $parties } { $count ->
    [one] er
   *[other] er
  } ikke offentlig oppdragsgiver { $date }
because-coop-parties-ca = alle partene er offentlige oppdragsgivere { $date }
because-coop-market-assumed = ingen part har aktivitetsrapporter; hver er lagt til grunn å være under { $limit } % (se forutsetningene)
because-coop-market-holds = i det åpne markedet: { $shares }; under { $limit } %
coop-outside = aktiviteten for offentlige oppdragsgivere som ikke er parter i samarbeidet
coop-outside-named = aktiviteten for { $outside } ({ $count ->
    [one] en offentlig oppdragsgiver som ikke er part
   *[other] offentlige oppdragsgivere som ikke er parter
  })
coop-market-share-both = { $party } { $share } % i { $span }, når { $outside } regnes som det åpne markedet ({ $lenient } % når den holdes utenfor)
coop-market-review = { $party } utfører { $lenient } % av aktiviteten sin i det åpne markedet i { $span } når { $outside } holdes utenfor, men { $share } % når den regnes med, ikke under { $limit } %
coop-market-review-unknown = { $party } utfører { $lenient } % av aktiviteten sin i det åpne markedet i { $span } når { $outside } holdes utenfor; regnes den med, kan andelen ikke måles: { $why }
h-coop-market-review = det er ikke avklart om aktivitet for offentlige oppdragsgivere utenfor samarbeidet teller mot en part etter § 3-3 (art. 12 nr. 5 regner den med: C-553/15 Undis Servizi): innhent en juridisk vurdering, eller tildel på et annet grunnlag
because-coop-market-review = { $items }; om aktivitet for en offentlig oppdragsgiver utenfor samarbeidet teller mot en part, slik den gjør etter art. 12 nr. 5 (C-553/15 Undis Servizi), er ikke avklart for § 3-3: andelen er under { $limit } % bare hvis den ikke gjør det
coop-evidence-missing = dokumentasjonsfilen { $file } finnes ikke i repositoriet (evidence/missing), så avtalen er ikke dokumentert

## Markdown-sammendraget (`--format markdown`)
md-counts = { $errors ->
   *[other] { $errors } feil
  }, { $warnings ->
    [one] 1 advarsel
   *[other] { $warnings } advarsler
  }, { $notes ->
    [one] 1 merknad
   *[other] { $notes } merknader
  }
md-baselined = { $count } i grunnlinjen
md-decisions-open = { $fails ->
    [one] 1 vurdering
   *[other] { $fails } vurderinger
  } ikke oppfylt, { $unassessed } ikke vurdert
skipped-files = { $count ->
    [one] 1 YAML-fil
   *[other] { $count } YAML-filer
  } ikke lest ({ $why })
skipped-hidden = { $count } skjult
skipped-ignored = { $count } etter .gitignore/.ignore
skipped-excluded = { $count } utelatt i egenregi.kdl
md-assumptions-title = Forutsatt, og ikke sjekket
md-assumptions-intro = Hva vurderingene la til grunn uten å kontrollere det mot andre kilder, og hva de ikke dekker, per oppdragsgiver og leverandør.
md-facts = Vurdert per **{ $date }** · { $files ->
    [one] 1 fil
   *[other] { $files } filer
  } · { $documents ->
    [one] 1 dokument
   *[other] { $documents } dokumenter
  } · { $waived } funn unntatt
md-digest = sjekksum (SHA-256) for grunnlaget
md-col-provider = Leverandør
md-legend = ⚠️ til vurdering: oppfylt bare etter en lesning som ikke er rettslig avklart; en jurist må godkjenne den. `egenregi report --buyer ID` gir utdraget for én oppdragsgiver.
md-window = { $provider } · tre år før { $date } ({ $purpose }) · { $verdict }
md-window-not-assessed = ikke vurdert
md-window-passes = oppfylt
md-window-review = oppfylt, til vurdering
md-review = Til vurdering: { $why }
md-window-fails = ikke oppfylt
md-window-header = | År | Tall | Mål | Rapport | Kvalifiserende | Totalt | Andel |
md-not-assessed = Ikke vurdert: { $why }; verken andel, margin eller handlingsrom oppgis på ufullstendig grunnlag
md-threshold = Terskel: mer enn { $threshold } % av aktiviteten for de kontrollerende oppdragsgiverne
md-margin = Margin: { $margin } prosentpoeng
md-headroom-left = Handlingsrom: { $amount } { $currency } mer ikke-kvalifiserende aktivitet per år før perioden faller
md-headroom-over = Handlingsrom: ingen; { $amount } { $currency } for mye ikke-kvalifiserende aktivitet per år
md-headroom-none = Handlingsrom: ingen
md-group = Kontrollerende gruppe: { $names }
currency-NOK = kr
md-control-title = Kontrollveier
md-control-none = Ingen egenregiabonnementer ble analysert i denne kjøringen.
md-control-header = | Abonnement | Oppdragsgiver | Tjeneste | Leverandør | Dato | Kontroll | Vei | Begrunnelse |
md-control-sole = enekontroll
md-control-indirect = indirekte
md-control-joint = felles
md-control-reverse = omvendt
md-control-sister = søster
md-control-kind-none = ingen
md-control-more = … og { $count } til (`egenregi report --format html` viser alle)
md-findings-title = Funn
md-findings-none = Ingen funn.
md-findings-header = | Regel | Alvorlighet | Funn | Sammendrag |
md-explain = Kjør `egenregi explain { $rule }` for hva regelen sjekker, hvorfor, og et eksempel som faller og ett som består.
md-rule-more = … og { $count } til (`egenregi check --format human --rule { $rule }` viser alle)
md-waivers-header = | Unntak | Regel | Mål | Begrunnelse | Godkjent av | Utløper | Status | Unntatt |
md-waived-title = Unntatte funn
md-waived-header = | Regel | Hvor | Mål | Unntak | Funn |

## Reglenes sammendrag på én linje (de rettslige vilkårenes), som i regelkatalogen.

rule-summary-inhouse-activity-data = Et år i perioden mangler brukbare aktivitetstall, eller et beløp er ikke eksakt
rule-summary-inhouse-activity-margin = Aktivitetsandelen er over 80 %, men med mindre enn marginen (5 prosentpoeng)
rule-summary-inhouse-activity-measure = En periode blander målestokker (omsetning og kostnader) eller valutaer
rule-summary-inhouse-activity-projection = Perioden bygger på prognoser
rule-summary-inhouse-activity-share = Leverandørens kvalifiserende aktivitet er ikke over 80 % av aktiviteten
rule-summary-inhouse-activity-trend = Perioden oppfyller kravet, men det siste året alene gjør det ikke
rule-summary-inhouse-board-autonomy = Styret avgjør strategiske mål eller viktige beslutninger
rule-summary-inhouse-continuity = Et vilkår var oppfylt ved tildelingen, men er ikke oppfylt på vurderingsdatoen
rule-summary-inhouse-contrary-interests = Felles kontroll, men vedtektene tillater et kommersielt formål eller utbytte
rule-summary-inhouse-control = Et egenregiabonnement har ingen kontrollvei fra oppdragsgiveren til leverandøren
rule-summary-inhouse-control-conflict = Én oppdragsgiver har enekontroll over leverandøren, mens andre påberoper seg felles kontroll gjennom seter som leverandørens vedtekter oppretter
rule-summary-inhouse-control-via-association = Kontrollen bygger på seter utpekt av medlemmene i en sammenslutning: ikke rettslig avklart
rule-summary-inhouse-decisive-influence = Intet organ for eierne eller medlemmene avgjør både strategiske mål og viktige beslutninger
rule-summary-inhouse-indirect-joint-control = Kontrollen bygger på felles kontroll over en mellomliggende juridisk person: rettslig uavklart
rule-summary-inhouse-not-assessed = En vurdering avhenger av et dokument som er ugyldig
rule-summary-inhouse-not-contracting-authority = Den som tildeler i egenregi, er ikke offentlig oppdragsgiver
rule-summary-inhouse-planned-change = En datert endring som allerede er registrert, vil gjøre at et egenregivilkår ikke lenger er oppfylt mens abonnementet løper
rule-summary-inhouse-private-capital = En privat part har kapital i leverandøren
rule-summary-inhouse-private-members = En sammenslutning på en kontrollvei har medlemmer som ikke er offentlige oppdragsgivere
rule-summary-inhouse-private-opening = Vedtektene åpner for private eiere
rule-summary-inhouse-profit-distribution = Felles kontroll, og vedtektene tillater utbytte til eierne, som alle er offentlige
rule-summary-inhouse-token-participation = En oppdragsgivers deltakelse i leverandøren er bare formell
rule-summary-procurement-assessment = Et egenregiabonnement har ingen skriftlig vurdering
rule-summary-procurement-basis = Et abonnements anskaffelsesgrunnlag er ufullstendig eller over beløpsgrensen
rule-summary-procurement-cooperation = Et samarbeid mellom oppdragsgivere oppfyller ikke et vilkår i § 3-3

## De andre reglenes sammendrag (infrastruktur og dataenes integritet).

rule-summary-data-placeholder = En verdi er fortsatt en plassholder skrevet av `egenregi new`
rule-summary-entity-duplicate-number = To enheter har samme organisasjonsnummer, kommunenummer eller fylkesnummer
rule-summary-entity-municipality-number = Et kommune- eller fylkesnummer fantes ikke mens enheten fantes
rule-summary-entity-orgnr = Et organisasjonsnummer har feil kontrollsiffer (MOD11)
rule-summary-entity-ownership-total = Eierandelene i en enhet som gjelder på én dato, er til sammen mer enn 100 %, eller en leverandørs mindre
rule-summary-evidence-missing = En dokumentasjonssti viser ikke til noen fil i repositoriet
rule-summary-ref-duplicate-id = To dokumenter av samme type har samme id
rule-summary-ref-unknown = En referanse viser ikke til noe dokument av den typen
rule-summary-repo-outside-root = En symbolsk lenke under roten fører ut av den
rule-summary-repo-policies-not-named = En `policies/`-mappe har regelfiler som `egenregi.kdl` ikke oppgir
rule-summary-repo-unreadable = En fil eller mappe under roten kan ikke leses
rule-summary-schema-additional-properties = Et felt som typen ikke har (ofte en skrivefeil)
rule-summary-schema-const = En verdi må være nøyaktig én bestemt verdi her
rule-summary-schema-enum = En verdi er ikke blant de tillatte verdiene
rule-summary-schema-format = En verdi er ikke en gyldig dato (eller et annet format)
rule-summary-schema-invalid = En verdi bryter en annen regel i skjemaet
rule-summary-schema-maximum = Et tall er over sitt maksimum
rule-summary-schema-min-items = En liste er for kort (ofte tom)
rule-summary-schema-min-length = En tekst er for kort (ofte tom)
rule-summary-schema-minimum = Et tall er under sitt minimum
rule-summary-schema-not = Et felt finnes der typen forbyr det
rule-summary-schema-one-of = En verdi passer med ingen, eller med flere enn én, av de tillatte formene
rule-summary-schema-pattern = En tekstverdi har ikke forventet form
rule-summary-schema-required = Et påkrevd felt mangler
rule-summary-schema-type = En verdi har feil type
rule-summary-schema-unique-items = En liste har samme element to ganger
rule-summary-service-accessibility = En publikumsrettet tjeneste oppfyller WCAG 2.1 AA eller høyere og publiserer en tilgjengelighetserklæring
rule-summary-service-critical-sla = En kritisk tjeneste forplikter seg til 99,5 % tilgjengelighet, støtte døgnet rundt, RTO 4 t og RPO 1 t
rule-summary-service-dependencies = Tjenesteavhengigheter har ingen sykler, og en kritisk tjeneste avhenger bare av tjenester med kritikalitet kritisk eller høy
rule-summary-service-digifin-participation = En tjeneste utviklet med DigiFin-midler brukes bare av enheter som deltar i DigiFin
rule-summary-service-dpia = En tjeneste med kritikalitet kritisk eller høy, eller med særlige kategorier personopplysninger, har en DPIA (vurdering av personvernkonsekvenser)
rule-summary-service-lifecycle = En utfaset tjeneste har en sluttdato; ingen abonnementer på en avviklet tjeneste, før lansering eller etter sluttdato
rule-summary-service-ros-fresh = En tjeneste med kritikalitet kritisk eller høy har en ROS-analyse fra de siste 365 dagene
rule-summary-service-third-country = Personopplysninger som driftes i et tredjeland, har et overføringsgrunnlag og en vurdering av overføringen (TIA)
rule-summary-tenant-dissolved = En kunde hvis enhet er oppløst, abonnerer fortsatt
rule-summary-tenant-dpa = Et abonnement på en tjeneste med personopplysninger har en databehandleravtale signert senest den dagen abonnementet begynner
rule-summary-tenant-period = Et abonnement slutter før det begynner, eller begynner utenfor leverandørens levetid
rule-summary-waiver-expired = Et unntaks utløpsdato er passert
rule-summary-waiver-unused = Et unntak treffer ingen funn
rule-summary-yaml-ambiguous-scalar = En yes/no/on/off/y/n uten anførselstegn, som YAML 1.1-verktøy leser som en sannhetsverdi
rule-summary-yaml-duplicate-key = En tilordning (mapping) har samme nøkkel to ganger
rule-summary-yaml-encoding = En fil er ikke UTF-8-tekst
rule-summary-yaml-envelope = Et dokument mangler egenregi-konvolutten (apiVersion, kind, metadata, spec)
rule-summary-yaml-foreign = En YAML-fil inneholder ikke noe egenregi-dokument
rule-summary-yaml-limit = En fil overskrider en sikkerhetsgrense (størrelse, nestingsdybde, aliasutvidelse, dokumenter, funn)
rule-summary-yaml-syntax = Filen er ikke gyldig YAML
rule-summary-yaml-unsupported = En YAML-funksjon som egenregi ikke godtar: egne tagger, flettenøkler, sammensatte nøkler, rekursive aliaser

## Skjemakontrollens funn (src/schema.rs)
schema-required-document = dokumentet mangler det påkrevde feltet { $name }
schema-required = { $field } mangler det påkrevde feltet { $name }
schema-unknown-field = ukjent felt { $name }
schema-unknown-field-mean = ukjent felt { $name }; mente du { $suggestion }?
schema-enum = { $field } må være { $options }, men er { $found }
schema-enum-mean = { $field } er { $found }; mente du { $suggestion }?
schema-const = { $field } må være { $expected }, men er { $found }
schema-type = { $field } må være { $expected }, men er { $article } { $found }
schema-pattern = { $field } { $value } har ikke forventet form
schema-date = { $field } { $value } er ikke en gyldig dato (ÅÅÅÅ-MM-DD, en dag som finnes)
schema-format = { $field } { $value } er ikke gyldig { $format }
schema-at-least = { $field } må være minst { $limit }, men er { $found }
schema-more-than = { $field } må være større enn { $limit }, men er { $found }
schema-at-most = { $field } må være høyst { $limit }, men er { $found }
schema-less-than = { $field } må være mindre enn { $limit }, men er { $found }
schema-empty = { $field } kan ikke være tom
schema-min-length = { $field } må ha minst { $limit } tegn, men er { $found }
schema-min-items = { $field } må ha minst { $limit ->
    [one] 1 element
   *[other] { $limit } elementer
  }
schema-unique = { $field } har samme element to ganger
schema-one-of-many = { $field } passer med mer enn én av de tillatte formene
schema-one-of-none = { $field } passer ikke med noen av de tillatte formene
schema-not-field = { $field } har et felt som ikke er tillatt her
schema-not = { $field } er ikke tillatt her
type-string = tekst
type-integer = et heltall
type-number = et tall
type-boolean = true eller false
type-array = en liste
type-object = en mapping (felt: verdi)
type-null = tom (null)
type-other = en annen type
found-string = teksten
found-null = en tom verdi
found-boolean = sannhetsverdien
found-number = tallet
found-array = en liste
found-object = en mapping
schema-h-fix = Åpne filen i en editor med skjemaet (`egenregi schema KIND`) for fullføring og hjelp når pekeren holdes over et felt.
schema-h-fields = felt her: { $fields }
schema-h-allowed = tillatt: { $options }
schema-h-quote = YAML leser denne verdien uten anførselstegn som et tall eller en sannhetsverdi; sett den i anførselstegn for å beholde den som tekst
schema-h-number-text = dette er tekst fordi det står i anførselstegn, eller fordi det er et tall som ikke kan leses nøyaktig (over 64 bit for et heltall, utenfor et flyttalls område, `.inf` eller `.nan`); skriv det uten anførselstegn, innenfor området
schema-h-expected = forventet: { $what }
schema-h-pattern = forventet: mønsteret { $pattern }
ref-unknown = ingen { $kind } har id-en { $id }
ref-unknown-mean = ingen { $kind } har id-en { $id }; mente du { $suggestion }?
ref-unknown-unread = ingen { $kind } har id-en { $id }; definisjonen kan stå i { $path }, som ikke kunne leses
ref-duplicate = { $document } er definert to ganger
evidence-leaves = dokumentasjonsstien { $path } går ut av repositoriet; den leses ikke
evidence-not-a-file = dokumentasjonsstien { $path } peker ikke på en fil i repositoriet
evidence-link-out = dokumentasjonsstien { $path } fører ut av repositoriet gjennom en lenke; den leses ikke
evidence-missing = dokumentasjonsfilen { $path } finnes ikke
h-evidence-missing = stier til dokumentasjon regnes fra repositoriets rot; legg til filen eller rett stien
placeholder = { $field } er fortsatt plassholderen { $value }
placeholder-blank = { $field } er tom
placeholder-waiver = unntaket { $waiver } gjelder ikke: { $key } er fortsatt plassholderen { $value }
placeholder-waiver-blank = unntaket { $waiver } gjelder ikke: { $key } er tom
h-placeholder-waiver = et unntak godtar et funn bare med en reell begrunnelse og en navngitt godkjenner; til da vises funnet det gjelder
ownership-capital = eierne av { $entity } har til sammen { $total } % av kapitalen{ $span }{ $more }
ownership-votes = eierne av { $entity } har til sammen { $total } % av stemmene{ $span }{ $more }
ownership-more = {" "}(og over 100 % i { $count } senere { $count ->
    [one] periode
   *[other] perioder
  })
h-ownership = eierandelene som gjelder på én dato, kan til sammen være høyst 100 %: rett et tall, eller dater eierandelene med `from`/`to` når én eier tok over for en annen
empty = {""}
span-from = {" "}fra { $from }
span-until = {" "}til { $to }
span-on = {" "}den { $on }
span-from-to = {" "}fra { $from } til { $to }
period-ends-before-start = abonnementet på { $service } slutter { $until }, før det begynner { $since }
h-period-ends-before-start = `until` er abonnementets siste dag og `since` tildelingsdatoen; bytt dem om eller rett dem
period-before-provider = abonnementet på { $service } begynner { $since }, før leverandøren { $provider } ble etablert { $established }
h-period-before-provider = en leverandør kan ikke tildeles en kontrakt før den finnes: rett `since` eller leverandørens `established`; en kontrakt med forgjengeren hører til den enheten
period-after-provider = abonnementet på { $service } begynner { $since }, etter at leverandøren { $provider } ble oppløst { $dissolved }
h-period-after-provider = en oppløst leverandør kan ikke tildeles en kontrakt: tjenestens `provider` bør være etterfølgeren, eller en dato er feil
orgnr-twice = organisasjonsnummeret { $number } er også { $other } sitt: én juridisk person, to enheter
h-orgnr-twice = slå de to enhetene sammen til én (behold én id og oppdater referansene), eller rett nummeret
waiver-expired-on = unntaket { $waiver } utløp { $expires } (vurdert per { $as_of })
h-waiver-expired = funnene det dekket, vises igjen; rett dem, eller forny unntaket med en ny dato (godkjent av { $approver })
waiver-no-rule = unntaket { $waiver } viser til en ukjent regel { $rule }
waiver-no-rule-mean = unntaket { $waiver } viser til en ukjent regel { $rule }; mente du { $suggestion }?
waiver-unwaivable = regelen { $rule } kan ikke unntas; unntaket { $waiver } har ingen virkning
waiver-matches-nothing = unntaket { $waiver } treffer ingen funn fra { $rule } på { $targets }
h-waiver-unused = slett unntaket, eller rett regelen og målene
register-until = til { $to }
register-from-before = fra før { $floor }
register-from-to = fra { $from } til { $to }
register-since = siden { $from }
number-no-county = kommunenummeret { $number } kan ikke stemme { $date }, da { $entity } ble oppløst: intet fylke hadde nummeret { $county } da
h-number-no-county = et kommunenummer begynner med fylkets nummer; kontroller nummeret (egenregis register dekker kommunenumre fra 2020)
number-not-yet = { $what ->
    [county] fylkesnummeret
   *[municipality] kommunenummeret
  } { $number } ({ $name }) var ikke i bruk { $date }, da { $entity } ble etablert: registeret har det { $periods }
h-number-not-yet = { $what ->
    [county] en fylkeskommune
   *[municipality] en kommune
  } som fantes før nummeret, er forgjengeren: gi den en egen enhet med `dissolved` og `successors`, eller rett `established`
number-unknown = { $what ->
    [county] fylkesnummeret { $number } finnes ikke: intet fylke
   *[municipality] kommunenummeret { $number } finnes ikke: ingen kommune
  } har hatt det siden { $floor }
number-retired = { $what ->
    [county] fylkesnummeret
   *[municipality] kommunenummeret
  } { $number } ({ $name }) er ikke lenger i bruk: registeret har det { $periods }, og { $entity } har ingen `dissolved`-dato
number-not-then = { $what ->
    [county] fylkesnummeret
   *[municipality] kommunenummeret
  } { $number } ({ $name }) var ikke i bruk { $date }, da { $entity } ble oppløst: registeret har det { $periods }
day-now = nå
day-on = { $date }
h-number-nearest = { $what ->
    [county] de nærmeste fylkesnumrene
   *[municipality] de nærmeste kommunenumrene
  } i bruk { $day }: { $numbers }{ $renumbered }
h-number-same = nummeret i bruk { $day }: { $numbers }{ $renumbered }
h-number-renumbered = ; en enhet som har fått nytt nummer, beholder id-en og tar det nye nummeret, og en som har opphørt, får en `dissolved`-dato
number-twice = { $what ->
    [county] fylkesnummeret
   *[municipality] kommunenummeret
  } { $number } er også { $other } sitt, og begge enhetene finnes{ $when }
h-number-twice = { $what ->
    [county] et fylkesnummer hører til ett fylke
   *[municipality] et kommunenummer hører til én kommune
  } om gangen: rett nummeret, eller dater enhetene med `established`/`dissolved` når den ene tok over for den andre
span-at-the-same-time = {" "}samtidig
orgnr-check-digit = organisasjonsnummeret { $number } har feil kontrollsiffer (MOD11)
h-orgnr-check-digit = med disse første åtte sifrene er kontrollsifferet { $digit }: { $number }; kontroller nummeret i Enhetsregisteret
orgnr-impossible = organisasjonsnummeret { $number } kan ikke finnes: intet MOD11-kontrollsiffer passer til de første åtte sifrene
h-orgnr-impossible = kontroller nummeret i Enhetsregisteret

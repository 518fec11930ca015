# The reviewer's report in English. Every message here has a twin in nb.ftl (a test checks it).
# Amounts, shares and dates arrive formatted for the language; names arrive ready to show.

page-title = In-house report, as of { $date }
title = In-house (utvidet egenregi) report
extract-for = Extract for { $buyer }
header-as-of = As of
header-as-of-date = as of { $date }
header-result-label = Result
header-result = { $errors ->
    [0] no errors
    [one] 1 error
   *[other] { $errors } errors
  }, { $warnings ->
    [one] 1 warning
   *[other] { $warnings } warnings
  }, { $notes ->
    [one] 1 note
   *[other] { $notes } notes
  }; { $waived } waived
header-input = Input
header-files = { $files ->
    [one] 1 file
   *[other] { $files } files
  }, { $documents ->
    [one] 1 document
   *[other] { $documents } documents
  }
header-digest = Input digest
header-digest-how = (SHA-256 over every input file, sorted by path: path, NUL, length, text)
header-tool = Tool
header-citations = Each citation says how far it is checked: "section checked" means the section (§) or article number is checked, while the paragraph (ledd) and letter are the likely structure and not checked against the official text; "case checked", a judgment's number and name.
header-disclaimer = Each verdict is a flag for legal review, not legal advice. The buyer that awards without a tender carries the burden of showing that every condition holds.

summary-title = Summary
summary-legend = Verdict per legal condition, the worst over every subscription and date judged (the award and today). ✓ holds: met on the input read. ⚠ review: met only on a reading the law has not settled; a lawyer must sign it off. ? not assessed: the input it needs is missing or invalid. ✗ fails: not met.
summary-none = No subscriptions were judged in this run.
summary-provider = Provider { $provider }
summary-provider-counts = { $buyers ->
    [one] 1 buyer
   *[other] { $buyers } buyers
  }, { $subscriptions ->
    [one] 1 subscription
   *[other] { $subscriptions } subscriptions
  }; overall:

col-buyer = Buyer
col-basis = Basis
col-subscriptions = Subscriptions
col-overall = Overall
col-window = Window
col-judged = Judged before
col-qualifying = Qualifying
col-total = Total
col-share = Share
col-margin = Margin (points)
col-headroom = Headroom per year
col-verdict = Verdict
col-year = Year
col-year-basis = Figures
col-measure = Measure
col-report = Report
col-severity = Severity
col-rule = Rule
col-where = Where
col-finding = Finding
col-legal-basis = Legal basis
col-waiver = Waiver
col-rule-targets = Rule and targets
col-reason = Reason
col-approved-by = Approved by
col-expires = Expires
col-status = Status
col-waived = Findings waived
col-target = Target
col-condition = Condition
col-found = What was found
col-evidence = Evidence

verdict-holds = holds
verdict-review = review
verdict-not-assessed = not assessed
verdict-fails = fails

condition-buyer = Buyer
condition-control = Control
condition-activity = Activity
condition-private-capital = Private capital
condition-contrary-interests = Contrary interests
condition-parties = Parties
condition-cooperation = Cooperation
condition-procurement = Procurement
condition-value = Value
condition-objectives = Objectives
condition-open-market = Open market
condition-in-house = In-house
condition-basis = Basis

basis-in-house = in-house
basis-tender = tender
basis-below-threshold = below threshold
basis-no-contract = no contract
basis-cooperation = cooperation

control-sole = sole control
control-indirect = indirect control
control-joint = joint control
control-reverse = reverse award
control-sister = sister award
control-none = no control
path-members-of = the members of { $group }

activity-title = Activity test
activity-intro = More than 80 % of the provider's activity in the three financial years before each date judged must be for the authorities that control it. Each window is judged on its own; the chart shows every year once. Headroom per year: how much more activity for others the window could carry each year before it fails (5·Q − 4·T) / 4 / 3; negative when it already fails.
activity-none = No activity windows were computed in this run.
activity-provider = Provider { $provider }
activity-group = Controlling group (whose activity qualifies) before { $date }:
activity-window-share = window { $years }: { $share }
chart-title = Qualifying share of the activity of { $provider } per year, with each window
chart-threshold = more than { $threshold } % required
chart-legend-qualifying = activity for the controlling authorities
chart-no-data = no data
chart-window = { $years }: { $share }, { $verdict } (before { $date })
year-actual = actual
year-projected = projected
year-missing = missing
measure-turnover = turnover
measure-costs = costs
purpose-award = award
purpose-as-of = today
headroom-left = +{ $amount }
headroom-over = −{ $amount } (too much)
headroom-none = 0

findings-title = Findings by legal condition
findings-group = { $group } ({ $count ->
    [0] no findings
    [one] 1 finding
   *[other] { $count } findings
  })
findings-checked = No findings from the { $rules } rules checked:
group-control = Control
group-activity = Activity
group-private-capital = Private capital
group-procurement = Procurement
group-infrastructure = Infrastructure
group-integrity = Integrity of the data
severity-error = error
severity-warning = warning
severity-note = note
help = help
see = see
see-findings = Findings:

verified-section = section checked
verified-case = case checked
verified-paragraph = paragraph checked
verified-letter = letter checked
verified-unknown = not stated how far checked

waivers-title = Waivers
waivers-none = The repository has no waivers.
waivers-intro = Each waiver accepts the findings of one rule on its targets until it expires. An expired waiver hides nothing: its findings are listed again.
waived-title = Findings accepted by a waiver
waiver-active = active
waiver-expired = expired
waiver-unused = unused
waiver-incomplete = incomplete

buyers-title = Per buyer
buyers-intro = One section per buyer, for its lawyer, control committee and auditor: its subscriptions grouped by basis and control path, each legal condition with its verdict, the figures and evidence relied on, the legal basis with how far each citation is verified, what was assumed and what was not checked.
buyer-group = { $basis } from { $provider }
buyer-subscriptions = { $count ->
    [one] Subscription:
   *[other] { $count } subscriptions:
  }
since = since { $date }
when-award = at the award, { $date }
when-now = today, { $date }
buyer-assumptions = Assumed, not checked against other sources
buyer-not-checked = Not checked
buyer-findings = Findings on this buyer's subscriptions
buyer-no-findings = No findings on this buyer's subscriptions.

entity-type-municipality = a municipality
entity-type-county = a county
entity-type-state-agency = a state agency
entity-type-association = an association
entity-type-company = a company
entity-type-foundation = a foundation
because-buyer-type = the buyer is { $type }, a contracting authority
because-activity = { $share } of the activity of { $provider } in the window was for its controlling group; more than { $threshold } % is required

nc-control-practice = how control is exercised in practice (minutes, instructions to the board)
nc-assessment = whether the written assessment named in the field «assessment» supports the award (only that one is named)
nc-accounts = that the activity reports agree with the audited accounts
nc-competition = whether the competition itself was lawful
nc-cooperation = every condition of § 3-3: parties, agreement, the 20 % market test
because-non-commercial = the articles state a non-commercial purpose and prohibit profit distribution
because-no-reference = no procurement reference is named
because-cooperation-unchecked = horizontal cooperation (§ 3-3) is not checked by this version of egenregi
because-owners-public = every owner of { $a } is a contracting authority
because-no-owners = { $a } lists no owners
because-tender = awarded after a competition, notice { $a }
assume-stated-ca = { $a } is a contracting authority, as its document states (not verified)
because-sole = { $a } holds the majority of the votes of { $b } and of its body { $c }, which decides strategy and significant decisions
because-joint-association = { $a } is a member of { $b }, whose members mandate seats in { $c } of { $d }; together with the other authorities they hold its majority. This rests on seats in { $e } mandated by the members of { $f }, and whether that is joint control under § 3-2 is legally untested.
because-joint-member = { $a } is a member of { $b }, whose members mandate seats in { $c } of { $d }; together with the other authorities they hold its majority

# Legal findings: message (f-), help (h-) and label (l-) texts of the analyses.
f-control-conflict = { $a } holds { $b } % of the votes of { $c } and decides its articles in { $d }, while other authorities claim joint control through seats in { $e } that those articles create
h-control-conflict = have the legal opinion address it, bind the seats beyond the owner's reach (a shareholders' agreement), or give the members direct shares with an owners' council
l-joint-claimed = joint control claimed through { $a }
f-via-association = { $a } in-house subscriptions rely on seats in { $b } mandated by the members of { $c }; whether that is joint control under § 3-2 is legally untested
f-via-association-one = 1 in-house subscription relies on seats in { $a } mandated by the members of { $b }; whether that is joint control under § 3-2 is legally untested
h-via-association-opinion = a legal opinion is on record ({ $a }); keep it current, and consider direct shares with an owners' council or back-to-back purchases through { $b }
h-via-association-none = no legal opinion on this structure is on record: add one under legal_opinions (topic control-via-association), or give each municipality direct shares with an owners' council, or buy back-to-back through { $a }
f-activity-share-award = { $a }'s qualifying activity in the window before the award ({ $b }) is { $c } %, not above { $d } %
f-activity-share = { $a }'s qualifying activity in the window before { $b } is { $c } %, not above { $d } %
f-activity-margin = { $a }'s window before { $b } passes at { $c } %, less than { $d } points above { $e } %
f-activity-trend = the window before { $a } passes at { $b } %, but { $c } alone is { $d } %
h-activity-left = qualifying { $a } of { $b } NOK over { $c }; the window could carry { $d } NOK per year more non-qualifying activity before failing
h-activity-over = qualifying { $a } of { $b } NOK over { $c }; the window already fails: { $d } NOK per year of non-qualifying activity too much
f-private-capital-foundation = { $a } (foundation, { $b } % of the capital) is private capital in { $c }
h-private-capital = any private holding excludes in-house, however small, unless required by law and neither controlling nor blocking (mandated_by_law: true)
f-contrary-interests = { $a } may pursue interests contrary to the authorities': its articles allow profit distribution to owners
h-contrary-interests = the articles must state a non-commercial purpose and prohibit profit distribution (non_commercial: true, profit_distribution: prohibited)
f-private-opening = the articles of { $a } allow private owners
h-private-opening = one share sold to a private party would end the in-house basis for every subscription; close it in the articles
f-not-ca = { $a } awards in-house but is not a contracting authority
f-no-assessment = { $a } subscribes to { $b } in-house without a written assessment
h-no-assessment = name the written in-house assessment in the field assessment (the buyer carries the burden of proof)
f-no-reference = { $a } subscribes to { $b } by tender, but names no procurement reference
f-board-autonomy = the board { $a } of { $b } decides strategy and significant decisions
h-board-autonomy = leave strategy and significant decisions to a body of the owners or members; the board decides operations

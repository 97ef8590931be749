"""Word lists for attribution: speech cues, pronouns, source nouns, anonymity phrases.

Kept as plain frozensets of lemmas / lowercase strings so every rule is a set lookup
on a spaCy token (no regular expressions over the text).
"""

from __future__ import annotations

# Verbs that introduce what someone said, wrote or claimed ("the official said").
SPEECH_LEMMAS = frozenset(
    """
    say tell claim state add explain note warn announce argue insist report write post
    tweet ask reply respond deny confirm admit acknowledge allege assert suggest estimate
    predict declare remark comment conclude recall urge accuse maintain contend complain
    testify reveal stress emphasise emphasize caution concede disclose indicate mention
    promise pledge vow boast predict proclaim reiterate repeat affirm charge counter
    quip joke describe call threaten agree disagree announce observe point opine express
    think brand label dub remind inform quote
    retort scold blurt shout chant yell scream exclaim whisper mutter plead beg snap lament recount
    underscore underline highlight answer clarify
    """.split()
)

# Cues that take reported content (a ccomp/xcomp clause) for indirect speech.
REPORT_LEMMAS = SPEECH_LEMMAS - frozenset(
    {"ask", "call", "describe", "disagree", "accuse", "express", "think", "brand", "label", "dub"}
)

# Reported speech beyond "said" (issue 21): each family adds cues that take a clause
# ("X believes that …", "the poll shows …"), an infinitive ("X urged voters to …"), a noun
# phrase ("X denied the allegations"), or a passive report ("X is expected to …").

# Cognition and evidential verbs with a clause: attributed when a source is the subject
# ("officials believe …", "the study found …", "figures suggest …").
CLAUSE_LEMMAS = frozenset(
    """
    believe think fear hope expect find show discover worry reckon doubt wonder
    recommend propose demand signal assure instruct recognize recognise realize realise
    estimate calculate forecast project suspect hint imply contend acknowledge feel stipulate
    request express
    """.split()
)

# Cues whose content is an infinitive, with the addressee before it when there is one
# ("X urged voters to boycott the vote", "the party wants to prevent …"). Not "hope": "hopes
# to be the first Muslim woman elected" is an ambition, not a report.
XCOMP_LEMMAS = frozenset(
    """
    claim promise pledge vow threaten want urge ask call order demand instruct expect plan
    offer commit advise appeal warn tell propose agree admit deny direct mandate require invite
    """.split()
)

# Communication verbs whose content may be a noun phrase ("X denied the allegations",
# "X called for an inquiry", "the report described the law as …").
OBJECT_LEMMAS = frozenset(
    """
    deny reject condemn criticize criticise praise defend dismiss blame accuse demand
    announce confirm describe repeat deplore denounce slam dispute admit allege
    predict urge applaud hail laud decry lament refute rebut order note stress liken
    implicate justify suggest doubt mention highlight report cite emphasize emphasise
    tout voice reiterate commend assail question rebuff promise pledge vow signal
    echo threaten advocate fault express compare underscore underline affirm outline
    """.split()
)

# Phrasal cues and their prepositions: "call for", "warn of", "complain about", "report on".
PHRASAL_CUES = frozenset(
    {
        ("call", "for"),
        ("warn", "of"),
        ("warn", "about"),
        ("complain", "about"),
        ("complain", "of"),
        ("report", "on"),
        ("write", "about"),
        ("ask", "for"),
        ("appeal", "for"),
        ("argue", "for"),
        ("argue", "against"),
        ("push", "for"),
        ("push", "against"),
        ("press", "for"),
        ("campaign", "for"),
        ("testify", "about"),
        ("write", "on"),
        ("insist", "on"),
        ("object", "to"),
        ("complain", "over"),
        ("point", "to"),
        ("talk", "about"),
        ("advocate", "for"),
        ("caution", "against"),
        ("warn", "against"),
        ("speak", "of"),
        ("boast", "of"),
        ("boast", "about"),
        ("joke", "about"),
    }
)

# Verbs that report in the passive, the speaker unnamed or in a "by" phrase:
# "X is expected to …", "he was accused of …", "it is believed that …".
PASSIVE_LEMMAS = frozenset(
    """
    expect believe report say think understand allege know consider estimate rumor rumour
    accuse suspect fear predict describe deem view see charge claim hope argue suggest
    regard perceive portray characterize characterise hail interpret
    """.split()
)

# Adverbs that pass on what others say, nobody named: "were reportedly killed".
HEARSAY_ADVERBS = frozenset("reportedly allegedly purportedly supposedly reputedly".split())

# Nouns that carry what a source says or thinks, with "that …" or "of …":
# "the claim that …", "fears of …", "his promise to …", "allegations that …".
# Noun cues that report something only with an owner ("Officials' threats to withhold
# services", "Hun Sen's message is that …"); "threats of violence" reports nothing.
OWNED_NOUN_CUES = frozenset("threat message criticism conclusion suspicion plea appeal vow argument finding".split())
NOUN_CUES = (
    frozenset(
        """
    claim report allegation accusation fear concern warning promise belief suggestion
    assertion demand call request pledge insistence contention
    expectation prediction assurance denial charge complaint
    """.split()
    )
    | OWNED_NOUN_CUES
)

# Pieces of writing an intro may pass on with their author: "shared an article written by X:".
WRITINGS = frozenset("article post poem essay column letter piece note op-ed editorial story song".split())

# Where words are published, not what they are about: "on his Facebook wall", "on the group page".
PUBLISHING_PLACES = frozenset("wall blog page site website group forum channel account timeline feed profile".split())

# Where people post, not who: "Some Twitter reactions:" introduces tweets by their handles,
# and "use Facebook and Twitter (@barillas)" does not make Twitter the handle's owner.
PLATFORMS = frozenset("twitter facebook youtube weibo instagram tiktok telegram reddit tumblr vk".split())

# Pronouns a speaker mention may be, by what they can refer back to.
PRONOUNS_PERSON = frozenset({"he", "she", "him", "her", "his"})
PRONOUNS_GROUP = frozenset({"they", "we", "them", "their"})
PRONOUNS_SELF = frozenset({"i"})
PRONOUNS_THING = frozenset({"it", "its"})
PRONOUNS = PRONOUNS_PERSON | PRONOUNS_GROUP | PRONOUNS_SELF | PRONOUNS_THING

# Head nouns of a source that is a document, not a person ("the report said").
DOCUMENT_NOUNS = frozenset(
    """
    report statement study document memo memorandum letter survey poll paper article
    website site release communique communiqué filing complaint indictment lawsuit ruling
    verdict judgment judgement analysis assessment review audit note email e-mail cable
    bulletin notice announcement broadcast newspaper editorial post tweet message video
    footage transcript record records data figures estimate estimates research comment
    comments remark remarks survey reports statistics story blog
    directive decree resolution petition manifesto guidelines constitution charter treaty
    proposal declaration affidavit warrant dossier leaflet flyer pamphlet poster documentary film
    book textbook census results findings evidence numbers tally piece op-ed essay column
    investigation inquiry probe testimony readout reporting polling suit
    """.split()
)

# Head nouns of an institution speaking as a body ("police said", "the ministry said").
ORGANIZATION_NOUNS = frozenset(
    """
    government ministry department police army military administration agency company
    firm council committee commission court party group organisation organization union
    office embassy navy force forces board bank parliament senate mission
    congress cabinet campaign team club university hospital school network station
    prosecutor prosecutors regime coalition alliance opposition charity foundation institute
    association federation watchdog monitor ngo lobby
    television radio channel outlet media broadcaster side sides
    startup start-up airline conglomerate subsidiary consortium nonprofit
    panel jury tribunal assembly legislature delegation bureau caucus secretariat community
    """.split()
)

# Unnamed speakers with these head nouns are anonymous sources in the journalistic
# sense ("officials said", "a source close to …", "witnesses said").
ANONYMOUS_NOUNS = frozenset(
    """
    official source spokesman spokeswoman spokesperson spokespeople aide diplomat insider
    person people witness resident authority authorities officer investigator
    """.split()
)

# Agentive endings of nouns that name people ("organizer", "protester", "analyst").
AGENT_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "man", "woman", "person", "ee", "crat", "ier")

# Role nouns of people who may be unnamed ("a senior official", "sources").
ROLE_NOUNS = frozenset(
    """
    official officials source sources spokesman spokeswoman spokesperson spokespeople person people
    authority authorities
    aide aides diplomat diplomats officer officers witness witnesses resident residents
    analyst analysts expert experts insider insiders member members adviser advisor
    advisers advisors observer observers investigator investigators lawyer lawyers
    attorney attorneys doctor doctors worker workers employee employees executive
    executives leader leaders minister ministers commander commanders soldier soldiers
    staff representative representatives negotiator negotiators activist activists
    man woman men women student students critic critics supporter supporters
    boss chief head president general colonel captain judge king queen prince premier
    deputy envoy secretary pope bishop priest coach friend family mother father wife
    husband son daughter sister brother neighbor neighbour victim survivor relative
    professor scholar journalist reporter researcher scientist economist chairman
    executive representative detective relative netizen netizens citizen citizens user users
    tweep tweeps fan fans youth
    nurse nurses pilot pilots surgeon surgeons medic medics paramedic paramedics refugee refugees
    migrant migrants immigrant immigrants parent parents child children girl girls boy boys
    nun nuns monk monks imam imams rabbi rabbis cleric clerics pastor pastors guard guards
    veteran veterans patient patients poet poets colleague colleagues cousin widow widows
    athlete athletes tourist tourists pilgrim pilgrims inmate inmates detainee detainees
    hostage hostages juror jurors clerk clerks elder elders troops marine marines chef
    blogger bloggers writer writers author authors columnist columnists commentator commentators
    fellow fellows dean ceo
    magistrate magistrates delegate delegates advocate advocates
    sheriff sheriffs mp mps monarch monarchs emir sheikh cardinal archbishop vicar
    host hosts pundit pundits consul consuls crowd crowds
    """.split()
)

# Multi-word phrases that make a source anonymous wherever they occur with it.
ANONYMITY_PHRASES = (
    "on condition of anonymity",
    "on the condition of anonymity",
    "on condition that he not be named",
    "on condition that she not be named",
    "on condition that they not be named",
    "asked not to be named",
    "asked not to be identified",
    "declined to be named",
    "declined to be identified",
    "refused to be named",
    "would not give his name",
    "would not give her name",
    "declined to give his name",
    "declined to give her name",
    "did not want to be named",
    "speaking anonymously",
    "speaking on background",
    "not authorized to speak",
    "not authorised to speak",
    "familiar with",
    "who requested anonymity",
    "requested anonymity",
    "anonymous",
)

# Reporting prepositions: "according to X, ...".
ACCORDING = frozenset({"according"})

# The vocabulary table of the English words the model knows (``nlp._dictionary``).
DICTIONARY_TABLE = "newsreader_dictionary"

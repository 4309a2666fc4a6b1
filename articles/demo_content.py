"""Demo content for the newsroom application.

All text in this module is original and written for demonstration purposes.
People, institutions and quotations are invented. Plain Python literals only.
"""

SECTIONS = [
    {
        "slug": "world",
        "name": "World",
        "description": "Reporting on international affairs, security and diplomacy from our correspondents abroad.",
    },
    {
        "slug": "politics",
        "name": "Politics",
        "description": "Parliament, parties, campaigns and the policy decisions that shape daily life.",
    },
    {
        "slug": "business",
        "name": "Business",
        "description": "Markets, companies, jobs and the economic forces behind the headlines.",
    },
    {
        "slug": "science",
        "name": "Science",
        "description": "Discoveries, research and technology explained by reporters who follow the evidence.",
    },
    {
        "slug": "culture",
        "name": "Culture",
        "description": "Film, music, books, theatre and art, with reviews and news from the creative world.",
    },
    {
        "slug": "sport",
        "name": "Sport",
        "description": "Results, previews and stories from the pitch, the track and everywhere in between.",
    },
]

AUTHORS = [
    {
        "slug": "maya-lindqvist",
        "name": "Maya Lindqvist",
        "bio": "Maya Lindqvist is the newsroom’s defence and security correspondent, covering alliance politics and the war in Ukraine. She previously reported from the Nordic and Baltic states for a decade.",
    },
    {
        "slug": "tomas-brennan",
        "name": "Tomás Brennan",
        "bio": "Tomás Brennan is our Europe correspondent, based in Brussels, where he follows summits, treaties and late-night negotiations. He has a soft spot for procedural footnotes and good coffee.",
    },
    {
        "slug": "amara-nwosu",
        "name": "Amara Nwosu",
        "bio": "Amara Nwosu is business editor, writing about interest rates, industry and the household economy. Before journalism she spent five years as a credit analyst.",
    },
    {
        "slug": "hiroshi-vance",
        "name": "Hiroshi Vance",
        "bio": "Hiroshi Vance is science correspondent, covering space, climate research and emerging technology. He trained as a physicist and still keeps a telescope on his balcony.",
    },
    {
        "slug": "lucia-ferreira",
        "name": "Lúcia Ferreira",
        "bio": "Lúcia Ferreira is the newsroom’s culture critic, reviewing film, theatre, books and music. She also hosts the weekly arts podcast, Second Row.",
    },
    {
        "slug": "owen-kaczmarek",
        "name": "Owen Kaczmarek",
        "bio": "Owen Kaczmarek is a sport writer who has covered football, cycling and athletics across three continents. He believes every sport is improved by a long-range weather forecast.",
    },
    {
        "slug": "saanvi-mehta",
        "name": "Saanvi Mehta",
        "bio": "Saanvi Mehta is political correspondent, reporting from parliament and from the campaign trail. She is particularly interested in housing, health and local government.",
    },
    {
        "slug": "niamh-delacroix",
        "name": "Niamh Delacroix",
        "bio": "Niamh Delacroix reports on energy and climate, from power grids to ocean science. She joined the newsroom after several years at a regional environmental magazine.",
    },
]

STORIES = [
    # ------------------------------------------------------------------ lead
    {
        "slug": "nato-defence-ministers-pledge-faster-air-defence-for-ukraine",
        "headline": "NATO defence ministers pledge faster air defence deliveries to Ukraine",
        "standfirst": "Ministers meeting in Brussels agreed a shared timetable for new air defence systems and interceptors, aiming to have more in place before the coldest months.",
        "section": "world",
        "bylines": ["maya-lindqvist", "tomas-brennan"],
        "tags": ["NATO", "Ukraine", "Defence", "Air defence", "Diplomacy"],
        "status": "published",
        "hours": 1,
        "alt": "Rows of national flags outside a glass conference centre on a grey morning",
        "caption": "Delegations arrive for the second day of the defence ministers’ meeting.",
        "credit": "Newsroom Demo / Staff",
        "body": (
            '<p>NATO defence ministers on Thursday agreed to accelerate deliveries of air defence systems to Ukraine, setting out a joint timetable that officials said would bring several new batteries into service before midwinter. The commitment followed two days of talks in which ministers compared stockpiles, production lines and training schedules.</p>'
            '<p>Officials described the meeting as less about new money than about <strong>coordination</strong>: matching what each country can spare with what Ukrainian crews are ready to operate. A new tracking board, run from the alliance’s headquarters, will publish monthly progress to member governments.</p>'
            '<blockquote><p>“The question is no longer whether we help, but whether the help arrives on time,” said Henrik Vallander, a senior alliance official who chaired the working session on air defence.</p></blockquote>'
            '<h2>Interceptors are the bottleneck</h2>'
            '<p>Several ministers said the launchers themselves were easier to find than the interceptor missiles they fire. Manufacturers have been asked to share forecasts of output for the next eighteen months so that governments can place joint orders rather than compete for the same production slots.</p>'
            '<ul><li>A shared delivery timetable, reviewed every month</li><li>Joint purchasing of interceptors through a common fund</li><li>Expanded crew training at sites in three member states</li></ul>'
            '<p>Ukrainian officials attending the meeting welcomed the plan but urged allies to move faster on spare parts and maintenance. “A system that is waiting for a part is a system that is not protecting anyone,” said Oksana Herasymenko, a deputy minister who led the Ukrainian delegation.</p>'
            '<p>Ministers will meet again in the spring, when the tracking board’s first full report is due. A summary of the commitments has been published on the <a href="https://example.org/defence/ministers-communique">alliance’s public briefing page</a>.</p>'
        ),
    },
    {
        "slug": "coalition-talks-stall-over-housing-pledge",
        "headline": "Coalition talks stall over flagship housing pledge",
        "standfirst": "Negotiators from the two largest parties broke off late-night talks after failing to agree how many new homes a joint programme should promise.",
        "section": "politics",
        "bylines": ["saanvi-mehta"],
        "tags": ["Housing", "Elections", "Coalition"],
        "status": "published",
        "hours": 3,
        "alt": "Lit windows of a parliament building reflected in wet paving stones at night",
        "caption": "Lights burned late in parliament as negotiators met for a fourth night.",
        "credit": "Staff photographer",
        "body": (
            '<p>Coalition talks paused early on Wednesday after negotiators failed to agree on a housebuilding target, the single issue both parties had put at the centre of their election campaigns. Aides said the gap was not about ambition but about how quickly new homes could realistically be delivered.</p>'
            '<p>One side wants a headline target written into the coalition agreement; the other prefers a smaller figure linked to funding for planning departments and construction apprenticeships. Both have promised voters that rents will become more affordable within a single term.</p>'
            '<blockquote><p>“A number on a page doesn’t lay a single brick,” said Clara Veldhuis, who is leading negotiations for the smaller of the two parties.</p></blockquote>'
            '<p>Colleagues on the other side of the table were less patient. “Voters gave us a clear instruction, and it was about homes,” said Marcus Ainley, a veteran member of parliament who sits on the housing committee.</p>'
            '<h2>What happens next</h2>'
            '<p>Talks are expected to resume after the weekend, with housing and the budget framework at the top of the agenda. If no deal is reached within a fortnight, the speaker is expected to invite party leaders for a formal round of consultations.</p>'
        ),
    },
    {
        "slug": "central-bank-holds-rates-signals-cut",
        "headline": "Central bank holds interest rates but hints at a cut before summer",
        "standfirst": "Policymakers kept borrowing costs unchanged for a fifth meeting, while signalling that slowing inflation could allow a reduction within months.",
        "section": "business",
        "bylines": ["amara-nwosu"],
        "tags": ["Interest rates", "Inflation", "Economy"],
        "status": "published",
        "hours": 6,
        "alt": "Abstract chart lines in blue and amber sloping gently downward",
        "caption": "Inflation has eased steadily since its peak, according to the bank’s latest projections.",
        "credit": "Graphic: Data desk",
        "body": (
            '<p>The central bank left its main interest rate unchanged on Thursday, but its governor said the case for lowering borrowing costs was “building month by month”. Seven of the nine members of the rate-setting committee voted to hold, with two favouring an immediate cut.</p>'
            '<p>Inflation has fallen for four consecutive months, helped by cheaper energy and a slowdown in food prices. The bank now expects it to return close to its target by the end of next year, earlier than it forecast in the autumn.</p>'
            '<blockquote><p>“We are not declaring victory, but we can see the finish line more clearly than we could a few months ago,” said Governor Annelise Borg at a press conference.</p></blockquote>'
            '<p>Markets moved quickly to price in a first reduction by early summer. Mortgage lenders have already trimmed some fixed-rate deals in anticipation, although variable-rate borrowers will see no change for now.</p>'
            '<p>Economists cautioned that wage growth remains brisk. “Service prices are the stubborn part of the story,” said Rafael Ostrowski, chief economist at the consultancy Meridian Forecasting. “The bank will want to see those cool before it moves.”</p>'
        ),
    },
    {
        "slug": "late-penalty-sends-harbourside-into-cup-semis",
        "headline": "Late penalty sends Harbourside into the cup semi-finals",
        "standfirst": "A stoppage-time spot kick from captain Jonas Ferrell settled a tense quarter-final and ended a twelve-year wait for a last-four place.",
        "section": "sport",
        "bylines": ["owen-kaczmarek"],
        "tags": ["Football", "Cup"],
        "status": "published",
        "hours": 9,
        "alt": "Blurred stadium floodlights above a green pitch in the rain",
        "caption": "Harbourside supporters celebrate at the final whistle.",
        "credit": "Newsroom Demo / Sport desk",
        "body": (
            '<p>Harbourside are into the cup semi-finals for the first time in twelve years after captain Jonas Ferrell converted a penalty deep into stoppage time. The home side had trailed for almost an hour before a header from substitute Kofi Addai drew them level.</p>'
            '<p>The decisive moment came when a cross from the left struck a defender’s raised arm, and after a lengthy video review the referee pointed to the spot. Ferrell, who missed from twelve yards in the league last month, sent the goalkeeper the wrong way.</p>'
            '<blockquote><p>“I didn’t think about last month once,” said Ferrell. “I just picked a corner and trusted it.”</p></blockquote>'
            '<p>Visiting manager Sergio Lantz was unhappy with the decision but praised his young side. “We were a minute from a replay, and then football does what football does,” he said.</p>'
            '<p>The semi-final draw takes place on Sunday evening. Harbourside are the only side left in the competition from outside the top division.</p>'
        ),
    },
    {
        "slug": "ukraine-grid-engineers-protect-substations-before-winter",
        "headline": "Ukraine’s grid engineers race to shield substations before winter",
        "standfirst": "Crews are building protective barriers, stockpiling transformers and rerouting power lines as allies send equipment to keep the lights on through the cold months.",
        "section": "world",
        "bylines": ["niamh-delacroix", "maya-lindqvist"],
        "tags": ["NATO", "Ukraine", "Energy", "Winter", "Drones"],
        "status": "published",
        "hours": 14,
        "alt": "Illustration of electricity pylons against a pale winter sky with a low sun",
        "caption": "Repair crews have worked through the autumn to prepare the network for the heating season.",
        "credit": "Illustration: Desk graphics",
        "body": (
            '<p>At a substation on the edge of a regional city, engineers are pouring concrete around transformers that took months to source. The walls, several metres high, are meant to absorb blast and shrapnel from the drone and missile strikes that have repeatedly targeted the power network.</p>'
            '<p>Grid operators say they have stockpiled more spare equipment than at any point since the full-scale invasion, much of it delivered through a fund coordinated by NATO members and partners. Smaller, modular generating units are also being scattered across the country so that a single strike cannot darken an entire district.</p>'
            '<blockquote><p>“We learned that one big target is a vulnerability; fifty small ones are resilience,” said Taras Melnychuk, a network planner who has worked for the regional operator for nineteen years.</p></blockquote>'
            '<h2>Allied equipment arriving</h2>'
            '<p>European utilities have shipped used transformers, cabling and switchgear, some of it taken from their own reserve stores. Officials involved in the programme say the hardest items to find are high-voltage autotransformers, which can take over a year to build.</p>'
            '<ul><li>Protective barriers at priority substations</li><li>Mobile gas turbines for hospitals and water plants</li><li>Additional air defence cover for critical sites</li></ul>'
            '<p>Engineers say no amount of preparation can guarantee uninterrupted power. “We are planning for bad days,” Melnychuk said. “The aim is that bad days become hours, not weeks.”</p>'
        ),
    },
    {
        "slug": "sea-ice-low-prompts-rethink-of-arctic-forecasts",
        "headline": "Record sea ice low prompts a rethink of seasonal forecasts",
        "standfirst": "Researchers say the rapid autumn melt exposed gaps in the models used to predict storms and shipping conditions in high latitudes.",
        "section": "science",
        "bylines": ["hiroshi-vance"],
        "tags": ["Climate", "Oceans", "Weather"],
        "status": "published",
        "hours": 20,
        "alt": "Abstract image of broken white ice floes on dark blue water",
        "caption": "Thin, fragmented ice has become more common at the end of the melt season.",
        "credit": "Illustration: Desk graphics",
        "body": (
            '<p>An unusually rapid autumn retreat of sea ice has led forecasters to revisit the models they use to predict storms, fog and shipping conditions in the far north. The ice reached its lowest extent for the date in the satellite record kept by the Northern Polar Observatory, a consortium of university research groups.</p>'
            '<p>Seasonal forecasts issued in early summer had predicted a smaller loss. Scientists say that thinner, younger ice now breaks apart more easily in storms, a process that current models capture only crudely.</p>'
            '<blockquote><p>“The ice is behaving less like a lid and more like a jigsaw that keeps losing pieces,” said Dr Ingrid Solheim, a sea ice physicist at the observatory.</p></blockquote>'
            '<p>The changes matter well beyond the Arctic. Open water releases heat and moisture into the atmosphere, which can alter the path of weather systems that later reach Europe and North America.</p>'
            '<p>The consortium plans to deploy additional buoys next spring to measure ice thickness directly. Its data will be shared openly with national weather services.</p>'
        ),
    },
    {
        "slug": "quiet-debut-wins-northern-film-festival",
        "headline": "Quiet debut about a lighthouse keeper wins top festival prize",
        "standfirst": "The Keeper’s Daughter, made on a shoestring budget with a largely non-professional cast, took the main award at the northern film festival.",
        "section": "culture",
        "bylines": ["lucia-ferreira"],
        "tags": ["Film", "Festivals", "Prizes"],
        "status": "published",
        "hours": 27,
        "alt": "Soft-focus illustration of a lighthouse beam crossing a dark sea",
        "caption": "The film was shot over six weeks on a remote stretch of coast.",
        "credit": "Newsroom Demo / Culture desk",
        "body": (
            '<p>A low-budget first feature about a lighthouse keeper and her teenage daughter has won the main prize at the northern film festival, beating several established directors. <em>The Keeper’s Daughter</em> was shot in six weeks with a crew of eleven.</p>'
            '<p>Director Alma Rydberg, who previously made short documentaries, cast fishermen and harbour workers from the village where she grew up. Only the two leads are professional actors.</p>'
            '<blockquote><p>“I wanted the faces on screen to belong to the place, not to visit it,” said Rydberg, accepting the award.</p></blockquote>'
            '<p>The jury praised the film’s patience and its use of natural light. Its president, the cinematographer Pavel Krantz, called it “a film that trusts its audience to lean in”.</p>'
            '<p>The award comes with a distribution grant, and the film is expected in cinemas next spring. The festival’s full list of winners is available on <a href="https://example.org/culture/northern-festival-winners">its website</a>.</p>'
        ),
    },
    {
        "slug": "european-shell-makers-add-night-shifts",
        "headline": "European shell makers add night shifts as orders swell",
        "standfirst": "Ammunition factories are hiring and running around the clock to meet government orders, much of it destined for Ukraine.",
        "section": "business",
        "bylines": ["amara-nwosu", "maya-lindqvist"],
        "tags": ["NATO", "Ukraine", "Ammunition", "Defence industry", "Jobs"],
        "status": "published",
        "hours": 33,
        "alt": "Abstract illustration of a factory floor with long rows of machinery under bright lights",
        "caption": "Production lines that once ran one shift now run three.",
        "credit": "Illustration: Desk graphics",
        "body": (
            '<p>Artillery shell manufacturers across Europe are adding night shifts and reopening mothballed production halls as governments place multi-year orders. Industry executives say output of the most widely used calibre has more than doubled in two years.</p>'
            '<p>Much of the new production is earmarked for Ukraine, either directly or to replenish stocks that NATO members have already donated. The longer contracts have given companies the confidence to invest in new equipment and training.</p>'
            '<blockquote><p>“For years we were told to keep the lights on and nothing more,” said Dorota Wilk, chief executive of a mid-sized munitions producer. “Now we are told to build, and to build quickly.”</p></blockquote>'
            '<h2>Hiring in small towns</h2>'
            '<p>Many plants sit in small industrial towns, where the jobs have been welcomed. Local colleges have set up short courses in machining and quality control, and some factories are offering housing support to attract engineers.</p>'
            '<p>Bottlenecks remain. Explosives, propellant and specialised steel are in short supply, and analysts warn that prices could stay high for years.</p>'
            '<blockquote><p>“Capacity is growing, but the supply chain behind it is thin,” said Lars Evander, an industry analyst at the Continental Security Institute.</p></blockquote>'
        ),
    },
    {
        "slug": "baltic-air-defence-drill-shared-radar",
        "headline": "Baltic air defence drill tests a shared radar picture",
        "standfirst": "Crews from eight countries practised tracking and intercepting simulated threats using a single, linked air picture, with Ukrainian observers on hand.",
        "section": "world",
        "bylines": ["maya-lindqvist"],
        "tags": ["NATO", "Ukraine", "Air defence", "Baltic", "Training"],
        "status": "published",
        "hours": 41,
        "alt": "Radar dish silhouetted against a pink dawn over flat coastal land",
        "caption": "A mobile radar unit during the exercise on the Baltic coast.",
        "credit": "Newsroom Demo / Pool",
        "body": (
            '<p>Air defence crews from eight NATO countries spent a week on the Baltic coast practising how to track and intercept drones and cruise missiles using a single shared radar picture. The exercise drew on lessons from Ukraine, where defenders have had to counter mass attacks night after night.</p>'
            '<p>Ukrainian officers attended as observers and briefed participants on tactics, including the use of mobile fire teams against slow, low-flying drones. Organisers said the sessions were among the most valuable of the week.</p>'
            '<blockquote><p>“They have done in two years what we practised in theory for twenty,” said Colonel Erik Aaltonen, the exercise director. “We came to listen.”</p></blockquote>'
            '<p>The linked air picture allowed a radar in one country to cue a launcher in another within seconds. Participants said the technology worked well but that procedures, such as who authorises a shot near a border, still needed refining.</p>'
            '<h2>Cheaper answers to cheap drones</h2>'
            '<p>A recurring theme was cost. Firing an expensive interceptor at an inexpensive drone is unsustainable, officers said, and the drill tested guns, electronic jamming and short-range missiles as alternatives.</p>'
        ),
    },
    {
        "slug": "defence-budget-vote-exposes-split-on-spending-target",
        "headline": "Defence budget vote exposes split over alliance spending target",
        "standfirst": "Parliament approved higher military spending, but a sizeable rebellion showed unease about how to pay for it.",
        "section": "politics",
        "bylines": ["saanvi-mehta", "tomas-brennan"],
        "tags": ["NATO", "Ukraine", "Defence spending", "Budget"],
        "status": "published",
        "hours": 50,
        "alt": "Illustration of a parliamentary chamber seen from the public gallery",
        "caption": "Members file through the voting lobbies late on Tuesday.",
        "credit": "Illustration: Desk graphics",
        "body": (
            '<p>Parliament has approved a defence budget that meets the NATO spending guideline for the first time in more than a decade, but thirty-one government members either abstained or voted against. The rebels said they supported the goal but objected to cuts elsewhere.</p>'
            '<p>The package includes funding for air defence, ammunition stocks and a multi-year commitment of military aid to Ukraine. Ministers argued that the security situation in Europe left no room for delay.</p>'
            '<blockquote><p>“Security is the foundation on which every other promise rests,” said Defence Minister Katrin Holm, opening the debate.</p></blockquote>'
            '<p>Critics focused on the funding. Some of the increase comes from a freeze on regional development grants, which rural members said would hit their constituencies hardest.</p>'
            '<blockquote><p>“I will not be told that a bridge in my county is a luxury,” said Peter Dalgaard, one of the rebels.</p></blockquote>'
            '<p>The finance ministry says the spending path will be reviewed in the spring budget. Opposition parties have promised to table amendments on the regional grants before then.</p>'
        ),
    },
    {
        "slug": "small-weather-satellite-launch-slips-to-spring",
        "headline": "Launch of small weather satellite slips to spring",
        "standfirst": "Engineers found a fault in the spacecraft’s power system during final testing, delaying a mission designed to improve storm warnings.",
        "section": "science",
        "bylines": ["hiroshi-vance"],
        "tags": ["Space", "Satellites", "Weather"],
        "status": "published",
        "hours": 60,
        "alt": "Abstract render of a small satellite with folded solar panels in a clean room",
        "caption": "The satellite during testing earlier this year.",
        "credit": "Illustration: Desk graphics",
        "body": (
            '<p>The launch of a small weather satellite intended to sharpen short-range storm forecasts has been postponed until spring after engineers found a fault in its power regulation unit. The spacecraft, about the size of a washing machine, was due to launch next month.</p>'
            '<p>The mission carries a microwave sounder that measures temperature and moisture through cloud. Forecasters hope its data will help predict where heavy rain will fall a few hours ahead.</p>'
            '<blockquote><p>“We would rather lose a few months on the ground than the whole mission in orbit,” said Dr Femi Okonjo, the project manager at the Aurora Space Agency.</p></blockquote>'
            '<p>The fault was traced to a single component that overheated during thermal vacuum testing. A replacement is being manufactured, and the full test campaign will be repeated.</p>'
        ),
    },
    {
        "slug": "rain-soaked-stage-reshapes-mountain-race",
        "headline": "Rain-soaked mountain stage reshapes the race for the leader’s jersey",
        "standfirst": "Cold rain and a treacherous descent split the peloton, leaving the overnight leader two minutes adrift.",
        "section": "sport",
        "bylines": ["owen-kaczmarek"],
        "tags": ["Cycling", "Weather"],
        "status": "published",
        "hours": 71,
        "alt": "Illustration of cyclists on a winding wet mountain road under low cloud",
        "caption": "Riders climb through low cloud on the penultimate ascent.",
        "credit": "Newsroom Demo / Sport desk",
        "body": (
            '<p>Freezing rain turned the race’s queen stage into a battle of endurance, and by the finish the overall standings had been turned upside down. The overnight leader, Mathis Dreyer, lost more than two minutes on a slippery descent.</p>'
            '<p>Stage winner Luka Perović attacked on the final climb and rode alone for eleven kilometres. Behind him, team cars struggled to pass riders with rain jackets and warm gloves.</p>'
            '<blockquote><p>“I couldn’t feel my fingers on the brakes, so I decided to go uphill as fast as possible instead,” said Perović, who now leads by forty seconds.</p></blockquote>'
            '<p>Organisers briefly considered shortening the stage but kept the full route after consulting team representatives. Several riders abandoned with hypothermia symptoms.</p>'
            '<p>With two stages left, including a time trial, the race is far from settled. Perović is not regarded as a strong time triallist, and at least three rivals will fancy their chances against the clock.</p>'
        ),
    },
    {
        "slug": "foreign-ministers-sketch-long-term-security-compact",
        "headline": "Foreign ministers sketch long-term security compact for Kyiv",
        "standfirst": "A draft framework would lock in multi-year military and economic support for Ukraine, but disagreements remain over how binding it should be.",
        "section": "world",
        "bylines": ["tomas-brennan"],
        "tags": ["NATO", "Ukraine", "Diplomacy", "Europe"],
        "status": "published",
        "hours": 84,
        "alt": "Long conference table with microphones and empty chairs beneath tall windows",
        "caption": "The meeting room before the foreign ministers’ working dinner.",
        "credit": "Newsroom Demo / Staff",
        "body": (
            '<p>Foreign ministers from NATO and European Union countries have begun work on a framework that would commit them to supporting Ukraine over a decade rather than year by year. Diplomats said a first draft circulated on Monday.</p>'
            '<p>The idea is to give Ukraine, and the industries supplying it, predictability. Ministers discussed pooled funding for weapons, reconstruction guarantees and cooperation on cyber defence.</p>'
            '<blockquote><p>“Annual pledges make for good press conferences and bad planning,” said Elena Marchetti, a senior diplomat involved in drafting the text.</p></blockquote>'
            '<h2>How binding?</h2>'
            '<p>The main disagreement is legal. Some governments want treaty-level commitments approved by parliaments; others prefer a political declaration that can be adjusted as circumstances change.</p>'
            '<p>Ukrainian officials have pressed for the strongest possible wording. Negotiators hope to present a final version at the alliance summit.</p>'
        ),
    },
    {
        "slug": "restored-opera-house-reopens-with-modern-orfeo",
        "headline": "Restored opera house reopens with a bold, modern Orfeo",
        "standfirst": "After six years of restoration, the city’s nineteenth-century opera house reopened with a staging that divided the first-night audience.",
        "section": "culture",
        "bylines": ["lucia-ferreira"],
        "tags": ["Music", "Architecture", "Theatre", "Art"],
        "status": "published",
        "hours": 97,
        "alt": "Ornate gilded balconies of an opera house lit in warm amber light",
        "caption": "The restored auditorium, with its repainted ceiling, on opening night.",
        "credit": "Staff photographer",
        "body": (
            '<p>The city opera house has reopened after a six-year restoration that stripped away decades of grime to reveal the original ceiling paintings. Conservators spent two years on the frescoes alone, working from scaffolding forty metres above the stalls.</p>'
            '<p>The opening production, a stark modern staging of Orfeo, was less universally admired. Director Benedikt Saar set the underworld in an empty car park, and some of the audience booed at the curtain call.</p>'
            '<blockquote><p>“A new house deserves a new argument,” said Saar afterwards. “Applause and boos are both a kind of attention.”</p></blockquote>'
            '<p>The singing, however, was widely praised, particularly the mezzo-soprano Ilse Morandi in the title role. The acoustics, adjusted with new timber panels hidden behind the original plaster, were warmer than many regulars remembered.</p>'
            '<p>Tickets for the remaining performances have sold out, and the house plans a series of open days in the new year. Visitors will be able to tour the restored ceiling from a temporary viewing platform.</p>'
        ),
    },
    {
        "slug": "mortgage-approvals-rise-for-third-month",
        "headline": "Mortgage approvals rise for a third month as rates ease",
        "standfirst": "Lenders approved more home loans than expected, suggesting buyers are returning as borrowing costs edge lower.",
        "section": "business",
        "bylines": ["amara-nwosu"],
        "tags": ["Housing", "Interest rates", "Banking"],
        "status": "published",
        "hours": 110,
        "alt": "Illustration of a terrace of colourful houses with a rising line chart above",
        "caption": "Approvals remain below their long-run average despite the recent rise.",
        "credit": "Graphic: Data desk",
        "body": (
            '<p>Mortgage approvals rose for the third consecutive month, according to figures compiled by the national lending association, as falling fixed rates tempted buyers back into the market. Approvals are still about a fifth below their long-run average.</p>'
            '<p>Brokers reported a pick-up in first-time buyer enquiries, particularly outside the largest cities. Several lenders have cut their two-year fixed rates in recent weeks.</p>'
            '<blockquote><p>“People who paused their plans last year are dusting off their spreadsheets,” said Hannah Oyelaran, a mortgage broker with fifteen years in the trade.</p></blockquote>'
            '<p>House prices have been broadly flat, which analysts say has helped affordability. However, deposits remain a hurdle for younger buyers.</p>'
            '<ul><li>Approvals up for three months running</li><li>Average two-year fixed rate slightly lower</li><li>House prices flat over the quarter</li></ul>'
        ),
    },
    {
        "slug": "allied-instructors-expand-ukrainian-pilot-training",
        "headline": "Allied instructors expand pilot training for Ukrainian crews",
        "standfirst": "A multinational training programme is adding simulators and instructors to shorten the time it takes to qualify new pilots and ground crews.",
        "section": "world",
        "bylines": ["maya-lindqvist"],
        "tags": ["NATO", "Ukraine", "Defence", "Training"],
        "status": "published",
        "hours": 126,
        "alt": "Abstract illustration of a jet trainer on a runway at dusk",
        "caption": "A training aircraft prepares for an evening sortie.",
        "credit": "Illustration: Desk graphics",
        "body": (
            '<p>A multinational programme training Ukrainian pilots and maintenance crews is expanding, with new simulators and additional instructors from several NATO countries. Organisers say the aim is to cut months off the time needed to qualify.</p>'
            '<p>Language training, once a major bottleneck, now begins in Ukraine before students travel abroad. Technical English courses run alongside flight theory so that students arrive ready to fly.</p>'
            '<blockquote><p>“The students are highly motivated and, frankly, exhausting to keep up with,” said Lieutenant Colonel Mirela Dumitru, one of the senior instructors.</p></blockquote>'
            '<p>Ground crews are receiving equal attention. Aircraft are only useful if they can be serviced quickly at dispersed airfields, and mechanics are being trained to work in difficult conditions.</p>'
            '<p>Officials declined to give numbers, citing security, but said the programme would run for several years. Instructors expect the first graduates of the expanded course to return home by late spring.</p>'
        ),
    },
    {
        "slug": "mayors-demand-say-over-regional-transport-cash",
        "headline": "Mayors demand a greater say over regional transport money",
        "standfirst": "A cross-party group of city leaders says decisions about buses and trams should be taken locally, not in ministries.",
        "section": "politics",
        "bylines": ["saanvi-mehta"],
        "tags": ["Transport", "Local government"],
        "status": "published",
        "hours": 140,
        "alt": "Illustration of a tram passing a city square at twilight",
        "caption": "Mayors say local knowledge should guide transport spending.",
        "credit": "Illustration: Desk graphics",
        "body": (
            '<p>Fourteen mayors have signed an open letter calling for control over regional transport budgets to be handed to city and county authorities. They argue that decisions about bus routes and tram extensions are too often made by officials far from the places affected.</p>'
            '<p>The letter proposes five-year funding settlements in place of competitive bidding rounds, which the mayors say waste money and time. It also asks for the power to set fares and integrate tickets across bus and rail.</p>'
            '<blockquote><p>“We spend months writing bids for money that should simply be ours to plan with,” said Mayor Ruth Castellano, who organised the letter.</p></blockquote>'
            '<p>The transport ministry said it was “open to conversations” about devolution but would need assurances about accountability. A consultation is expected later this year.</p>'
        ),
    },
    {
        "slug": "acoustic-sensor-networks-against-low-flying-drones",
        "headline": "Acoustic sensor networks show promise against low-flying drones",
        "standfirst": "Cheap microphones linked by software can detect and track drones that slip beneath radar, researchers say, drawing on experience from Ukraine.",
        "section": "science",
        "bylines": ["hiroshi-vance", "maya-lindqvist"],
        "tags": ["NATO", "Ukraine", "Drones", "Technology", "Air defence"],
        "status": "published",
        "hours": 158,
        "alt": "Abstract visualisation of sound waves radiating across a dark map grid",
        "caption": "Each sensor in the network listens for the distinctive sound of a drone engine.",
        "credit": "Graphic: Data desk",
        "body": (
            '<p>Networks of inexpensive microphones, mounted on poles and rooftops and linked by software, can detect and track drones flying too low for conventional radar, according to a study by researchers at the Technical University of Varnholm. The approach mirrors systems developed under pressure in Ukraine.</p>'
            '<p>Each sensor costs less than a mobile phone. When several pick up the same engine note, software triangulates its position and passes a track to air defence teams.</p>'
            '<blockquote><p>“Sound is an old technology, but combined with modern processing it becomes a very cheap early-warning layer,” said Professor Aino Kettunen, who led the study.</p></blockquote>'
            '<h2>Limits of listening</h2>'
            '<p>The system struggles in strong wind and heavy traffic noise, and it cannot easily detect jet-powered threats at altitude. Researchers stress that it is meant to complement radar, not replace it.</p>'
            '<p>Several NATO members are now testing similar networks. The study’s authors have published their methods in an <a href="https://example.org/science/acoustic-detection-study">open-access paper</a>.</p>'
        ),
    },
    {
        "slug": "teenage-sprinter-breaks-national-junior-record",
        "headline": "Teenage sprinter breaks national junior 200m record",
        "standfirst": "Seventeen-year-old Naomi Achterberg ran the fastest junior time in the country’s history at a meeting with barely a hundred spectators.",
        "section": "sport",
        "bylines": ["owen-kaczmarek"],
        "tags": ["Athletics", "Olympics", "Youth sport"],
        "status": "published",
        "hours": 175,
        "alt": "Illustration of a sprinter rounding the bend of a red running track",
        "caption": "Achterberg on the bend during her record run.",
        "credit": "Newsroom Demo / Contributor",
        "body": (
            '<p>Naomi Achterberg, a seventeen-year-old from a small athletics club in the east of the country, broke the national junior 200 metres record at a regional meeting on Saturday. The previous record had stood for nineteen years.</p>'
            '<p>Achterberg, who trains after school on a track shared with a football club, ran with a legal tailwind and finished almost half a second clear of the field. Officials checked the timing equipment twice before confirming the result.</p>'
            '<blockquote><p>“I saw the clock and thought it was broken,” she said. “Then my coach started crying, so I knew it wasn’t.”</p></blockquote>'
            '<p>Her coach, Willem Brandt, said the focus remained on long-term development rather than rushing her into senior competition. The national federation has invited her to an Olympic development camp in the spring.</p>'
        ),
    },
    {
        "slug": "debut-novel-ferry-town-tops-autumn-lists",
        "headline": "Debut novel about a ferry town tops the autumn prize lists",
        "standfirst": "Nina Halvorsen’s The Crossing has been shortlisted for three major awards, an unusual feat for a first book from a small press.",
        "section": "culture",
        "bylines": ["lucia-ferreira"],
        "tags": ["Books", "Prizes"],
        "status": "published",
        "hours": 193,
        "alt": "Illustration of a small ferry crossing a grey fjord with a paperback in the foreground",
        "caption": "The novel follows three generations of a ferry-operating family.",
        "credit": "Illustration: Desk graphics",
        "body": (
            '<p>A first novel from a small independent publisher has been shortlisted for three of the season’s biggest literary prizes. <em>The Crossing</em>, by former schoolteacher Nina Halvorsen, follows a family who have run the same ferry for three generations.</p>'
            '<p>The book sold modestly on publication but found readers through word of mouth and library reading groups. Its publisher has ordered a fourth printing.</p>'
            '<blockquote><p>“I wrote it on the ferry, actually, twenty minutes each way for four years,” said Halvorsen.</p></blockquote>'
            '<p>Judges praised its precise prose and its portrait of a community dependent on a single, fragile link to the mainland. Winners will be announced over the coming month.</p>'
        ),
    },
    {
        "slug": "cyber-defence-centre-doubles-staff",
        "headline": "Cyber defence centre doubles staff as attacks on utilities rise",
        "standfirst": "A NATO-affiliated centre on the Baltic coast is expanding to help allies and Ukraine protect power grids and water systems from hackers.",
        "section": "world",
        "bylines": ["tomas-brennan"],
        "tags": ["NATO", "Ukraine", "Cyber security", "Energy", "Baltic"],
        "status": "published",
        "hours": 214,
        "alt": "Abstract image of glowing network lines across a dark city map",
        "caption": "Analysts monitor attempted intrusions on critical infrastructure.",
        "credit": "Illustration: Desk graphics",
        "body": (
            '<p>A cyber defence centre affiliated with NATO is doubling its staff as attempted attacks on energy and water utilities across Europe continue to rise. The centre shares intelligence with member states and with Ukraine, whose grid operators have faced persistent intrusion attempts.</p>'
            '<p>Much of the work is unglamorous: patching old control systems, training engineers to spot phishing emails, and running exercises in which teams must restore a simulated grid after an attack. Analysts say most successful intrusions still begin with a single careless click.</p>'
            '<blockquote><p>“Ukraine’s operators are the most experienced defenders in the world right now, and we learn from them every week,” said Kadri Ilves, the centre’s deputy director.</p></blockquote>'
            '<p>New recruits include engineers from the energy industry as well as software specialists. The centre says understanding how a substation works physically is as important as reading code.</p>'
            '<p>An annual exercise next spring will, for the first time, include teams from regional water companies. Organisers say the scenario will be the most complex the centre has ever run.</p>'
        ),
    },
    {
        "slug": "gas-storage-near-full-traders-brace-for-cold-snap",
        "headline": "Gas storage near full, but traders brace for a cold snap",
        "standfirst": "European storage sites are almost at capacity heading into winter, yet a prolonged freeze could still push prices higher.",
        "section": "business",
        "bylines": ["niamh-delacroix", "amara-nwosu"],
        "tags": ["Energy", "Europe", "Winter", "Ukraine"],
        "status": "published",
        "hours": 236,
        "alt": "Illustration of large white gas storage tanks under a frosty blue sky",
        "caption": "Storage levels are higher than at the same point in most recent years.",
        "credit": "Graphic: Data desk",
        "body": (
            '<p>Gas storage facilities across Europe are close to full as winter approaches, easing fears of shortages. But traders say a long cold spell, combined with tight global supplies, could still send prices sharply higher.</p>'
            '<p>Ukraine, which holds some of the continent’s largest underground storage, has been working with European partners to secure supplies and protect its facilities from attack. Some European traders already store gas in Ukrainian sites, attracted by the large capacity.</p>'
            '<blockquote><p>“Full storage is a cushion, not a guarantee,” said Mathilde Roux, head of gas research at the consultancy Northbridge Energy Analytics.</p></blockquote>'
            '<p>Households have been encouraged to keep saving energy. Governments say demand reduction in recent winters has been one of the most effective tools for keeping prices stable.</p>'
            '<ul><li>Storage close to capacity</li><li>Prices well below the peak of recent years</li><li>Weather remains the biggest unknown</li></ul>'
        ),
    },
    {
        "slug": "poll-finds-steady-backing-for-military-aid",
        "headline": "Poll finds steady backing for military aid, with caveats",
        "standfirst": "A clear majority still supports helping Ukraine defend itself, but voters are increasingly concerned about the cost and want allies to share the load.",
        "section": "politics",
        "bylines": ["saanvi-mehta"],
        "tags": ["NATO", "Ukraine", "Public opinion", "Defence spending"],
        "status": "published",
        "hours": 259,
        "alt": "Abstract bar chart in muted blue and yellow tones",
        "caption": "Support has been broadly stable for a year, the survey found.",
        "credit": "Graphic: Data desk",
        "body": (
            '<p>Public support for military aid to Ukraine remains firm, according to a new survey by the Civic Pulse research institute, with around six in ten respondents in favour of continuing or increasing help. The figure has barely moved in a year.</p>'
            '<p>Beneath the headline number, however, attitudes are more nuanced. Most respondents said other NATO members should contribute more, and a growing share worry about the effect on public services.</p>'
            '<blockquote><p>“People are not tired of the cause; they are tired of feeling that they are paying for everything else twice,” said Dr Lena Marsh, who directed the survey.</p></blockquote>'
            '<p>Younger voters were the most supportive, while the strongest doubts came from those who said their household finances had worsened. Support was also higher among respondents who said they followed international news closely.</p>'
            '<p>The full tables are available on the <a href="https://example.org/politics/civic-pulse-survey">institute’s website</a>. The survey will be repeated in six months.</p>'
        ),
    },
    {
        "slug": "coral-nursery-survives-marine-heatwave",
        "headline": "Coral nursery survives a marine heatwave against the odds",
        "standfirst": "Researchers say heat-tolerant corals grown on underwater frames fared far better than wild reefs nearby during a summer of record sea temperatures.",
        "section": "science",
        "bylines": ["niamh-delacroix"],
        "tags": ["Climate", "Oceans", "Biodiversity", "Research"],
        "status": "published",
        "hours": 283,
        "alt": "Illustration of coral fragments growing on a metal frame in clear turquoise water",
        "caption": "Coral fragments on a nursery frame, photographed after the heatwave.",
        "credit": "Illustration: Desk graphics",
        "body": (
            '<p>A coral nursery stocked with heat-tolerant strains has come through a months-long marine heatwave with most of its corals alive, while nearby wild reefs suffered widespread bleaching. The project is run by the Coastal Reef Trust, a research charity.</p>'
            '<p>Scientists selected fragments from corals that had survived earlier heatwaves and grew them on steel frames suspended above the seabed. Divers cleaned the frames of algae every fortnight throughout the summer.</p>'
            '<blockquote><p>“It is a glimmer of hope, not a solution,” said marine biologist Dr Tamsin Awolowo. “Without cutting emissions, we are only buying time.”</p></blockquote>'
            '<p>The team plans to transplant the survivors onto damaged reefs next year and monitor whether their resilience is passed on. Similar nurseries are being planned at two other sites.</p>'
        ),
    },
    {
        "slug": "harbourside-manager-signs-extension",
        "headline": "Harbourside manager signs contract extension after turnaround",
        "standfirst": "Greta Solberg, who took over with the club bottom of the table, has agreed a new three-year deal.",
        "section": "sport",
        "bylines": ["owen-kaczmarek"],
        "tags": ["Football", "Management"],
        "status": "published",
        "hours": 305,
        "alt": "Illustration of an empty dugout beside a floodlit pitch",
        "caption": "Solberg has transformed the club’s fortunes in eighteen months.",
        "credit": "Newsroom Demo / Sport desk",
        "body": (
            '<p>Harbourside manager Greta Solberg has signed a three-year contract extension, rewarding a turnaround that has taken the club from the foot of the table to the promotion places. She arrived eighteen months ago with the team nine points adrift.</p>'
            '<p>Solberg built her side around young players from the academy and a handful of loan signings, and the club now has one of the lowest wage bills in the division. Attendances have risen by almost a third over the same period.</p>'
            '<blockquote><p>“This club feels like a family that happens to play football,” said Solberg. “I wasn’t going anywhere.”</p></blockquote>'
            '<p>Chairman Ravi Chandran said the board had “never had any doubt” about extending her stay. Supporters’ groups welcomed the news.</p>'
        ),
    },
    {
        "slug": "farmers-and-deminers-clear-fields-before-planting",
        "headline": "Farmers and deminers work side by side to clear fields before planting",
        "standfirst": "In southern Ukraine, demining teams funded by allied governments are racing to make farmland safe before the spring sowing season.",
        "section": "world",
        "bylines": ["maya-lindqvist"],
        "tags": ["NATO", "Ukraine", "Demining", "Agriculture", "Europe"],
        "status": "published",
        "hours": 330,
        "alt": "Wide flat field with marker stakes and red warning tape under an overcast sky",
        "caption": "Marker stakes show areas already checked by a demining team.",
        "credit": "Newsroom Demo / Contributor",
        "body": (
            '<p>On a wide, flat field in southern Ukraine, a line of deminers moves forward a few centimetres at a time, sweeping the soil with metal detectors. Behind them, a farmer waits with his tractor, hoping to sow winter wheat before the ground freezes.</p>'
            '<p>Clearing farmland has become one of the country’s most urgent tasks. Demining teams funded through a trust fund supported by NATO members and other partners are working through thousands of hectares that were once front-line positions.</p>'
            '<blockquote><p>“Every field we return is a family that can earn a living again,” said Viktor Hnatiuk, who supervises a team of twenty-two deminers.</p></blockquote>'
            '<h2>New machines, old methods</h2>'
            '<p>Armoured clearance machines can flail large areas quickly, but teams still check every metre by hand afterwards. Drones fitted with thermal cameras help locate surface mines, particularly in the early morning when the ground is cool.</p>'
            '<p>Farmers say they are grateful but impatient. “I have waited two seasons,” said Mykola Savchuk, standing by his tractor. “I can wait a few more weeks if it means my son drives here safely.”</p>'
        ),
    },
    {
        "slug": "street-art-trail-transforms-disused-railway",
        "headline": "Street art trail transforms a disused railway line",
        "standfirst": "Forty murals now line a four-kilometre walking route on an abandoned track, drawing visitors to neighbourhoods they once avoided.",
        "section": "culture",
        "bylines": ["lucia-ferreira"],
        "tags": ["Art", "Architecture"],
        "status": "published",
        "hours": 356,
        "alt": "Colourful abstract mural on a brick railway arch with a footpath below",
        "caption": "One of the forty murals along the former railway line.",
        "credit": "Staff photographer",
        "body": (
            '<p>A disused railway line that cuts through three inner-city neighbourhoods has been turned into a walking trail lined with forty murals. The project, led by residents and a local arts collective, took three years and cost less than a single new footbridge.</p>'
            '<p>Artists were chosen by a panel that included schoolchildren and pensioners. Each wall reflects the history of the streets around it, from the old tram depot to the textile mills.</p>'
            '<blockquote><p>“We wanted people to walk through the neighbourhoods, not around them,” said Idris Mensah, one of the collective’s founders.</p></blockquote>'
            '<p>The council has agreed to maintain the path and install lighting. Architects are now studying whether the old station buildings at either end could become studios.</p>'
        ),
    },
    {
        "slug": "chipmaker-picks-coastal-town-for-new-plant",
        "headline": "Chipmaker picks coastal town for new plant, promising 900 jobs",
        "standfirst": "The semiconductor packaging facility is the largest industrial investment in the region for a generation.",
        "section": "business",
        "bylines": ["amara-nwosu"],
        "tags": ["Technology", "Jobs", "Trade"],
        "status": "published",
        "hours": 380,
        "alt": "Abstract illustration of a silicon wafer with a coastline reflected in its surface",
        "caption": "The new plant will assemble and test chips made elsewhere.",
        "credit": "Illustration: Desk graphics",
        "body": (
            '<p>A semiconductor company has chosen a former shipbuilding town on the north coast for a new packaging and testing plant, promising around 900 jobs when it reaches full production. Construction is expected to begin next year.</p>'
            '<p>The firm, Lumen Microsystems, said the site’s deep-water port, available land and a strong local engineering college were decisive. The company considered eleven sites in four countries before making its choice.</p>'
            '<blockquote><p>“This town built ships for the world for a century; we think it can build the next thing too,” said Lumen’s chief executive, Sabine Adeyemi.</p></blockquote>'
            '<p>Local leaders welcomed the news but warned that housing and transport would need to keep pace. The plant will export most of its output, making it sensitive to global trade tensions.</p>'
        ),
    },
    {
        "slug": "election-watchdog-tightens-rules-on-online-ads",
        "headline": "Election watchdog tightens rules on online political ads",
        "standfirst": "Campaigns will have to label AI-generated images and disclose who paid for targeted adverts under new guidance.",
        "section": "politics",
        "bylines": ["saanvi-mehta"],
        "tags": ["Elections", "Technology", "Regulation", "Artificial intelligence"],
        "status": "published",
        "hours": 405,
        "alt": "Illustration of a smartphone displaying a ballot box icon",
        "caption": "New rules apply to adverts on social media and streaming platforms.",
        "credit": "Illustration: Desk graphics",
        "body": (
            '<p>The national election watchdog has published new rules requiring political campaigns to label images, audio and video created or substantially altered by artificial intelligence. Paid online adverts must also carry a clear statement of who funded them.</p>'
            '<p>The commission said it acted after complaints about doctored clips during last year’s local elections. Platforms will be expected to keep a searchable archive of political adverts.</p>'
            '<blockquote><p>“Voters have a right to know what is real and who is paying to persuade them,” said Commissioner Yusuf Brandão.</p></blockquote>'
            '<p>Campaign groups broadly welcomed the rules, though some said enforcement would be difficult without stronger penalties. The guidance takes effect from the start of next year.</p>'
            '<ul><li>Labels on AI-generated or altered content</li><li>Funding disclosures on all paid adverts</li><li>A public archive of political advertising</li></ul>'
        ),
    },
    {
        "slug": "summit-host-city-braces-for-motorcades",
        "headline": "Summit host city braces for a week of road closures and motorcades",
        "standfirst": "Residents are being told to expect disruption as leaders gather for an alliance summit expected to focus on Ukraine.",
        "section": "world",
        "bylines": ["tomas-brennan"],
        "tags": ["NATO", "Ukraine", "Summit", "Diplomacy", "Transport"],
        "status": "published",
        "hours": 431,
        "alt": "Metal crowd barriers lined up along an empty city boulevard",
        "caption": "Barriers are already in place along the main avenue.",
        "credit": "Newsroom Demo / Staff",
        "body": (
            '<p>Residents of the summit host city have been warned to expect a week of road closures, security checks and suspended tram lines as leaders from NATO countries gather. Ukraine’s long-term support is expected to dominate the agenda.</p>'
            '<p>Police will establish a secure zone around the conference centre, and several schools will close for two days. Local businesses are divided between those expecting a boom and those bracing for empty streets.</p>'
            '<blockquote><p>“Last time we sold more coffee to police officers than to anyone else,” said café owner Marisol Vidal. “I’m ordering extra milk.”</p></blockquote>'
            '<p>Diplomats say the summit communiqué is still being negotiated, with language on Ukraine’s future path the most sensitive item. Officials expect negotiations to continue until the eve of the meeting.</p>'
            '<p>The city has published a <a href="https://example.org/world/summit-travel-advice">travel advice page</a> with maps of closures. Residents can also sign up for text alerts about road changes.</p>'
        ),
    },
    {
        "slug": "lunar-lander-team-publishes-first-soil-readings",
        "headline": "Lunar lander team publishes first soil readings",
        "standfirst": "Instruments aboard a robotic lander have measured the temperature and composition of the Moon’s surface near its south pole.",
        "section": "science",
        "bylines": ["hiroshi-vance"],
        "tags": ["Space", "Research"],
        "status": "published",
        "hours": 458,
        "alt": "Illustration of a small robotic lander on grey lunar soil with Earth low on the horizon",
        "caption": "An artist’s impression of the lander at its landing site.",
        "credit": "Illustration: Desk graphics",
        "body": (
            '<p>Scientists have published the first results from a robotic lander that touched down near the Moon’s south pole earlier this year. Its instruments recorded dramatic temperature swings in the top few centimetres of soil.</p>'
            '<p>The team also detected traces of hydrogen, which could indicate water ice in permanently shadowed areas nearby. Confirming that will require a future mission with a drill.</p>'
            '<blockquote><p>“It’s a small set of numbers, but they are the first from that spot, and that makes them precious,” said Dr Carmen Iturbe, the mission’s lead scientist.</p></blockquote>'
            '<p>The results will help planners choose sites for future crewed missions. The lander operated for ten days before lunar night ended the mission.</p>'
        ),
    },
    {
        "slug": "wheelchair-tennis-final-draws-record-crowd",
        "headline": "Wheelchair tennis final draws a record crowd",
        "standfirst": "More than four thousand spectators watched Elif Demir win a gripping three-set final, the largest audience for the event.",
        "section": "sport",
        "bylines": ["owen-kaczmarek"],
        "tags": ["Tennis", "Paralympics"],
        "status": "published",
        "hours": 486,
        "alt": "Illustration of a wheelchair tennis player stretching for a forehand on a blue hard court",
        "caption": "Demir in action during the deciding set.",
        "credit": "Newsroom Demo / Sport desk",
        "body": (
            '<p>A record crowd filled the show court on Sunday as Elif Demir won the national wheelchair tennis championship in three sets. Organisers said the attendance was more than double last year’s figure.</p>'
            '<p>Demir, a two-time Paralympian, saved two match points in the second set before dominating the decider. Her opponent, the defending champion Laila Osei, called it the best match of her career.</p>'
            '<blockquote><p>“When the crowd got loud I stopped hearing my own doubts,” said Demir.</p></blockquote>'
            '<p>The tournament moved to a prime weekend slot this year and was shown live on a streaming service. Organisers want to make the change permanent.</p>'
        ),
    },
    {
        "slug": "jazz-quartet-comeback-record-review",
        "headline": "Review: the Ostrander Quartet’s comeback record is a quiet triumph",
        "standfirst": "Ten years after their last album, the quartet return with a warm, unhurried set that rewards close listening.",
        "section": "culture",
        "bylines": ["lucia-ferreira"],
        "tags": ["Music", "Reviews"],
        "status": "published",
        "hours": 512,
        "alt": "Illustration of a double bass and a saxophone in soft stage light",
        "caption": "The quartet recorded the album live in a single studio room.",
        "credit": "Illustration: Desk graphics",
        "body": (
            '<p>There is nothing hurried about <em>Low Tide</em>, the first album from the Ostrander Quartet in a decade. Its eight pieces unfold at walking pace, with long passages in which the saxophone simply rests and lets the rhythm section talk.</p>'
            '<p>Recorded live in a single room, the album has the intimacy of a late-night club set. Bassist Ruth Ostrander’s compositions favour melody over display.</p>'
            '<blockquote><p>“We’re older, we play fewer notes, and we mean each one more,” said Ostrander in an interview before the release.</p></blockquote>'
            '<p>Not every track lands; the closing ballad drifts. But at its best, this is music of rare patience. <strong>Four stars.</strong></p>'
        ),
    },
    {
        "slug": "border-field-hospitals-get-evacuation-buses",
        "headline": "Field hospitals near the front receive new medical evacuation buses",
        "standfirst": "Specially converted buses donated by allied governments can carry up to twelve patients on stretchers, easing pressure on ambulances.",
        "section": "world",
        "bylines": ["maya-lindqvist"],
        "tags": ["NATO", "Ukraine", "Health", "Humanitarian aid"],
        "status": "published",
        "hours": 540,
        "alt": "Illustration of a white bus with medical markings parked on a muddy roadside",
        "caption": "One of the converted evacuation buses during its first week of service.",
        "credit": "Newsroom Demo / Contributor",
        "body": (
            '<p>Hospitals in eastern Ukraine have received a fleet of converted buses that can carry up to twelve patients on stretchers, allowing medics to move wounded soldiers and civilians away from the front more quickly. The vehicles were funded by several NATO governments and humanitarian charities.</p>'
            '<p>Each bus carries oxygen, monitoring equipment and a team of two paramedics. Doctors say they relieve pressure on ambulances, which can then return to front-line stabilisation points.</p>'
            '<blockquote><p>“One bus can do the work of six ambulances on a long transfer,” said Dr Olena Bondar, who coordinates evacuations for a regional hospital.</p></blockquote>'
            '<p>The buses travel at night where possible and avoid predictable routes. Drivers have received additional training in first aid and defensive driving.</p>'
            '<p>Organisers hope to double the fleet by the end of winter. Two more buses are already being converted at a workshop abroad.</p>'
        ),
    },
    {
        "slug": "rent-rises-slow-as-new-flats-reach-market",
        "headline": "Rent rises slow as new flats reach the market",
        "standfirst": "Annual rental inflation has eased for the first time in two years, though tenants in big cities still face steep increases.",
        "section": "business",
        "bylines": ["amara-nwosu"],
        "tags": ["Housing", "Inflation"],
        "status": "published",
        "hours": 566,
        "alt": "Illustration of a half-finished apartment block with cranes against a yellow sky",
        "caption": "New build-to-rent blocks have added to supply in several cities.",
        "credit": "Illustration: Desk graphics",
        "body": (
            '<p>Rents are still rising, but more slowly, according to figures from the lettings platform HomeLedger. Annual rental inflation fell for the first time in two years as a wave of new apartment blocks came onto the market.</p>'
            '<p>The slowdown has been most pronounced in mid-sized cities where construction has been fastest. In the capital, rents are still rising at nearly twice the national rate.</p>'
            '<blockquote><p>“Supply works; it just works slowly,” said Gabriel Strand, HomeLedger’s head of research.</p></blockquote>'
            '<p>Tenant groups said the figures offered little comfort to those who had already seen large increases. They are calling for longer minimum tenancies and limits on mid-tenancy rises.</p>'
        ),
    },
    {
        "slug": "waiting-lists-become-campaign-battleground",
        "headline": "Hospital waiting lists become the campaign’s main battleground",
        "standfirst": "With polls showing health as voters’ top concern, all major parties are promising to cut waits, but their plans differ sharply.",
        "section": "politics",
        "bylines": ["saanvi-mehta"],
        "tags": ["Health", "Elections", "Public opinion"],
        "status": "published",
        "hours": 595,
        "alt": "Illustration of a hospital corridor with rows of empty plastic chairs",
        "caption": "Waiting times have become a central issue in the campaign.",
        "credit": "Illustration: Desk graphics",
        "body": (
            '<p>Health has overtaken the cost of living as the issue voters care most about, according to several recent polls, and the parties have responded with competing promises to cut hospital waiting lists. Waiting times have become a daily topic on doorsteps, campaigners say.</p>'
            '<p>One party is promising weekend clinics and more use of private capacity; another wants to invest in community care to keep people out of hospital in the first place. A third is promising a new digital booking system for appointments.</p>'
            '<blockquote><p>“Everyone promises shorter waits; the question is who has a plan for the staff,” said Dr Amelia Fournier, a health policy researcher at the Harcourt Institute.</p></blockquote>'
            '<h2>The workforce question</h2>'
            '<p>All the plans depend on recruiting and keeping nurses and doctors. Health unions have asked each party to publish detailed workforce figures before polling day.</p>'
        ),
    },
    {
        "slug": "ai-model-maps-unexploded-ordnance-in-farmland",
        "headline": "AI model helps map unexploded ordnance in farmland",
        "standfirst": "Researchers trained a system on drone imagery to flag likely danger zones, helping Ukrainian demining teams decide where to start.",
        "section": "science",
        "bylines": ["hiroshi-vance"],
        "tags": ["Artificial intelligence", "Demining", "Agriculture", "Ukraine"],
        "status": "published",
        "hours": 622,
        "alt": "Abstract aerial view of patchwork fields overlaid with a glowing grid",
        "caption": "The model highlights areas where craters and disturbed soil suggest risk.",
        "credit": "Graphic: Data desk",
        "body": (
            '<p>A machine-learning model trained on drone photographs can identify fields likely to contain unexploded ordnance, helping demining teams in Ukraine prioritise their work. The system was developed by a group at the Institute for Applied Geoinformatics.</p>'
            '<p>The model looks for craters, disturbed soil and abandoned positions. It does not find individual mines, but it narrows down where human teams should search first.</p>'
            '<blockquote><p>“It’s triage, not clearance,” said Dr Yara Haddad, the project lead. “A deminer’s eyes and hands are still what makes land safe.”</p></blockquote>'
            '<p>Early trials suggest the model could save weeks of survey work in large agricultural regions. The team is sharing its code with humanitarian demining organisations.</p>'
        ),
    },
    {
        "slug": "rugby-sevens-side-qualify-for-series-finals",
        "headline": "Rugby sevens side qualify for series finals with a day to spare",
        "standfirst": "A dominant pool stage has secured a place in the season finale and kept Olympic qualification hopes alive.",
        "section": "sport",
        "bylines": ["owen-kaczmarek"],
        "tags": ["Rugby", "Olympics"],
        "status": "published",
        "hours": 650,
        "alt": "Illustration of a rugby ball spinning in mid-air above a sunlit pitch",
        "caption": "The side won all three pool matches.",
        "credit": "Newsroom Demo / Sport desk",
        "body": (
            '<p>The national rugby sevens team secured a place in the series finals with a day to spare after winning all three pool matches. They conceded just two tries in the process.</p>'
            '<p>Winger Tevita Lowe scored five tries across the three games, including a length-of-the-field effort against the tournament favourites. He now leads the series try-scoring chart.</p>'
            '<blockquote><p>“We trained for this heat all summer, and today it paid off,” said coach Imogen Reilly.</p></blockquote>'
            '<p>A top-four finish would secure automatic qualification for the next Olympic Games. The finals take place over two days next month.</p>'
        ),
    },
    {
        "slug": "black-sea-shipping-insurers-cautiously-return",
        "headline": "Shipping insurers cautiously return to Black Sea grain routes",
        "standfirst": "More underwriters are offering cover for vessels carrying Ukrainian grain, helping exporters cut costs, though premiums remain high.",
        "section": "world",
        "bylines": ["tomas-brennan"],
        "tags": ["Ukraine", "Trade", "Shipping", "Agriculture"],
        "status": "published",
        "hours": 680,
        "alt": "Illustration of a bulk carrier ship leaving port under a wide orange sky",
        "caption": "Grain exports by sea have recovered steadily this year.",
        "credit": "Illustration: Desk graphics",
        "body": (
            '<p>A growing number of insurers are offering cover for ships carrying grain from Ukrainian ports, according to brokers, a sign of cautious confidence in the safety of the sea route. Premiums have fallen from their peak but remain far higher than before the war.</p>'
            '<p>Cheaper cover makes a real difference to farmers, whose margins depend on the cost of getting crops to market. Exporters say lower freight costs could also help attract new buyers abroad.</p>'
            '<blockquote><p>“Every dollar saved on insurance is a dollar that can go back to the farmer,” said Irina Sokolenko, a grain trader based in a southern port city.</p></blockquote>'
            '<p>Some underwriters are still wary, citing the risk of mines drifting into shipping lanes. A government-backed guarantee scheme has helped fill the gap.</p>'
        ),
    },
    {
        "slug": "review-chekhov-in-village-halls",
        "headline": "Review: a touring Chekhov that fits perfectly in a village hall",
        "standfirst": "Brightwater Theatre’s pared-back Three Sisters proves that great drama needs little more than a table, three chairs and a tea urn.",
        "section": "culture",
        "bylines": ["lucia-ferreira"],
        "tags": ["Theatre", "Reviews"],
        "status": "published",
        "hours": 708,
        "alt": "Illustration of three wooden chairs on a bare stage lit by a single lamp",
        "caption": "The production uses only a handful of props.",
        "credit": "Illustration: Desk graphics",
        "body": (
            '<p>Brightwater Theatre’s <em>Three Sisters</em> arrives in a van and sets up in under an hour. By the interval, the village hall where I saw it felt more like a provincial drawing room than any grand stage could.</p>'
            '<p>Director Farah Lindgren has cut the cast to six, with actors doubling roles, and the longing of Chekhov’s sisters for a distant city lands with unexpected force in a room full of people who live miles from one. The intimacy of the space makes every glance count.</p>'
            '<blockquote><p>“We play to audiences who understand what it means to want to be somewhere else,” said Lindgren after the performance.</p></blockquote>'
            '<p>Some of the doubling is confusing, and the final act could be tighter. But this is theatre that meets its audience where they live. The tour continues until spring; dates are on the <a href="https://example.org/culture/brightwater-tour">company’s tour page</a>.</p>'
        ),
    },
    {
        "slug": "small-exporters-feel-pinch-of-slower-trade",
        "headline": "Small exporters feel the pinch as global trade slows",
        "standfirst": "Higher shipping costs and weak demand abroad are squeezing firms that sell overseas, a survey of manufacturers suggests.",
        "section": "business",
        "bylines": ["amara-nwosu"],
        "tags": ["Trade", "Jobs", "Interest rates", "Shipping", "Economy"],
        "status": "published",
        "hours": 735,
        "alt": "Illustration of stacked shipping containers in muted reds and blues",
        "caption": "Export orders have fallen for two quarters in a row.",
        "credit": "Illustration: Desk graphics",
        "body": (
            '<p>Small and medium-sized exporters report falling orders and rising costs, according to a quarterly survey by the Federation of Independent Manufacturers. Almost half said overseas sales had fallen in the past three months.</p>'
            '<p>Higher container rates and insurance costs have eaten into margins, while high interest rates make it harder to finance stock and equipment. Exporters to nearby markets have fared better than those shipping long distances.</p>'
            '<blockquote><p>“We are making good products and struggling to get them to customers at a price they’ll pay,” said Beatrix Holloway, who runs a family firm making industrial valves.</p></blockquote>'
            '<p>The federation has asked the government for export credit support and faster customs processing. Some firms say they have delayed hiring until the outlook improves.</p>'
            '<ul><li>Overseas orders down for two quarters</li><li>Shipping costs cited as the biggest pressure</li><li>One in five firms delaying recruitment</li></ul>'
        ),
    },
    {
        "slug": "allies-agree-joint-buying-scheme-for-shells",
        "headline": "Allies agree joint buying scheme for artillery shells",
        "standfirst": "A group of European governments will pool orders for ammunition to secure lower prices and faster deliveries for Ukraine and their own stocks.",
        "section": "world",
        "bylines": ["maya-lindqvist", "amara-nwosu"],
        "tags": ["NATO", "Ukraine", "Ammunition", "Defence industry", "Europe"],
        "status": "published",
        "hours": 765,
        "alt": "Abstract illustration of interlocking gears in grey and steel blue",
        "caption": "Joint orders are meant to give manufacturers long-term certainty.",
        "credit": "Illustration: Desk graphics",
        "body": (
            '<p>A group of European NATO members has agreed to pool their orders for artillery ammunition, hoping that bigger, longer contracts will bring prices down and delivery times forward. Part of the output will go directly to Ukraine.</p>'
            '<p>Until now, governments have often competed for the same production capacity, pushing up prices. The new scheme will be managed by a small joint procurement office.</p>'
            '<blockquote><p>“Buying together is the simplest idea in economics, and it took us far too long to do it,” said Jan Verhoeven, a defence ministry official involved in the talks.</p></blockquote>'
            '<h2>What the scheme includes</h2>'
            '<ul><li>Multi-year framework contracts with several manufacturers</li><li>A shared stockpile for emergencies</li><li>Common quality standards across suppliers</li></ul>'
            '<p>Industry groups welcomed the move but said governments must also help secure raw materials such as explosives and propellant. The first joint contracts are expected to be signed within three months.</p>'
        ),
    },
    {
        "slug": "council-housing-plan-wins-cross-party-support",
        "headline": "Council housing plan wins rare cross-party support",
        "standfirst": "A proposal allowing local authorities to borrow more to build social homes has been backed by members from all the main parties.",
        "section": "politics",
        "bylines": ["saanvi-mehta"],
        "tags": ["Housing", "Local government"],
        "status": "published",
        "hours": 792,
        "alt": "Illustration of a new low-rise brick housing estate with young trees",
        "caption": "Councils say they have sites ready but lack the money to build.",
        "credit": "Illustration: Desk graphics",
        "body": (
            '<p>A plan to let councils borrow more to build social housing has won backing from members across parliament, an unusual show of unity on one of the country’s most contested issues. More than two hundred members have signed a motion in support.</p>'
            '<p>The proposal would loosen borrowing limits for local authorities that can show they have land and planning permission ready. Councils would have to keep new homes for social rent for at least thirty years.</p>'
            '<blockquote><p>“This is the rare idea that both the builders and the tenants’ unions like,” said Tobias Engel, chair of the local government committee.</p></blockquote>'
            '<p>Treasury officials have raised concerns about the effect on public debt figures, and ministers have not yet said whether the government will support it. A decision is expected before the budget.</p>'
        ),
    },
    {
        "slug": "wind-farm-study-seabirds-adapting-to-turbines",
        "headline": "Wind farm study finds some seabirds adapting to turbines",
        "standfirst": "Tracking data suggests several species learn to fly around offshore turbines, but researchers warn others remain at risk.",
        "section": "science",
        "bylines": ["niamh-delacroix"],
        "tags": ["Climate", "Biodiversity", "Energy"],
        "status": "published",
        "hours": 820,
        "alt": "Illustration of white wind turbines at sea with a flock of gulls passing",
        "caption": "Researchers fitted lightweight trackers to more than three hundred birds.",
        "credit": "Illustration: Desk graphics",
        "body": (
            '<p>Several species of seabird appear to learn to avoid offshore wind turbines, according to a four-year tracking study by the North Sea Ecology Group. Gulls and gannets adjusted their flight paths after their first encounters.</p>'
            '<p>Other species, including some that fly at rotor height in poor visibility, showed less adaptation. The researchers say these birds should be the focus of future monitoring.</p>'
            '<blockquote><p>“Wind power is essential for the climate, and we can make it kinder to wildlife if we site it carefully,” said Dr Siobhan Fairweather, the study’s lead author.</p></blockquote>'
            '<p>The authors recommend pausing turbines during peak migration nights and avoiding key feeding grounds when planning new farms. Several developers have already agreed to share their own monitoring data.</p>'
        ),
    },
    {
        "slug": "documentary-on-river-keepers-finds-audience",
        "headline": "Documentary about river keepers finds a surprisingly wide audience",
        "standfirst": "A slow, observational film about volunteers cleaning a polluted river has become an unexpected streaming hit.",
        "section": "culture",
        "bylines": ["lucia-ferreira"],
        "tags": ["Film", "Climate"],
        "status": "published",
        "hours": 846,
        "alt": "Illustration of people in waders standing in a shallow river at sunrise",
        "caption": "The film follows volunteers over four seasons.",
        "credit": "Newsroom Demo / Culture desk",
        "body": (
            '<p><em>Upstream</em>, a documentary following volunteers who spend their weekends cleaning a polluted river, has become one of the most watched films on a public streaming service this autumn. It contains no narration and almost no music.</p>'
            '<p>Director Oskar Lind filmed the volunteers over four seasons, from winter floods to summer algae blooms. The result is a portrait of a community as much as a river.</p>'
            '<blockquote><p>“People are tired of being shouted at about the climate,” said Lind. “This film just asks them to watch people quietly doing something.”</p></blockquote>'
            '<p>Several viewers have since signed up with local river groups, the volunteers say. The film is now being shown in schools.</p>'
        ),
    },
    {
        "slug": "marathon-organisers-move-start-to-beat-heat",
        "headline": "Marathon organisers move start time to beat the heat",
        "standfirst": "The city marathon will begin an hour earlier next year after several runners needed treatment during an unseasonably hot race.",
        "section": "sport",
        "bylines": ["owen-kaczmarek"],
        "tags": ["Athletics", "Weather", "Climate"],
        "status": "published",
        "hours": 870,
        "alt": "Illustration of marathon runners on a sunlit bridge with water stations",
        "caption": "Extra water stations were added midway through this year’s race.",
        "credit": "Newsroom Demo / Sport desk",
        "body": (
            '<p>The city marathon will start an hour earlier next year, organisers announced, after temperatures during this year’s race climbed well above the seasonal average. Medical teams treated more than two hundred runners for heat-related symptoms.</p>'
            '<p>Organisers will also add shaded rest areas and misting stations. The course itself will remain unchanged.</p>'
            '<blockquote><p>“The weather we used to call unusual is becoming normal, and we have to plan for it,” said race director Hanne Kristoffersen.</p></blockquote>'
            '<p>Elite athletes welcomed the change. Several said the earlier start could also make fast times more likely.</p>'
        ),
    },
    {
        "slug": "kyiv-suburbs-prepare-generators-and-coats",
        "headline": "Winter coats and generators: a suburb prepares for the cold",
        "standfirst": "Volunteers on the edge of Kyiv are distributing warm clothing and setting up heated community points in case power cuts return.",
        "section": "world",
        "bylines": ["maya-lindqvist"],
        "tags": ["Ukraine", "Energy", "Winter", "Humanitarian aid"],
        "status": "published",
        "hours": 888,
        "alt": "Illustration of a community hall with glowing windows on a snowy evening",
        "caption": "Heated community points offer warmth, charging and hot drinks.",
        "credit": "Newsroom Demo / Contributor",
        "body": (
            '<p>In a suburb on the edge of Kyiv, volunteers are unloading boxes of winter coats and checking generators at a school gym that will serve as a heated community point if power cuts return. The gym already has a backup boiler and a stack of camp beds.</p>'
            '<p>The points provide warmth, phone charging, internet access and hot drinks. Last winter, some stayed open around the clock.</p>'
            '<blockquote><p>“We don’t know what this winter will bring, so we prepare for everything,” said Halyna Kravets, a retired teacher who coordinates volunteers.</p></blockquote>'
            '<p>Charities say donations from abroad have slowed, but local businesses have stepped in with fuel and food. Residents are encouraged to keep a small emergency kit at home.</p>'
        ),
    },
    {
        "slug": "parliament-approves-cyber-rules-for-utilities",
        "headline": "Parliament approves tougher cyber security rules for utilities",
        "standfirst": "Energy and water companies will have to report serious incidents within 24 hours and test their defences every year.",
        "section": "politics",
        "bylines": ["saanvi-mehta"],
        "tags": ["Cyber security", "Energy", "Regulation"],
        "status": "published",
        "hours": 895,
        "alt": "Illustration of a padlock icon superimposed on a power station",
        "caption": "The rules apply to operators of essential services.",
        "credit": "Illustration: Desk graphics",
        "body": (
            '<p>Parliament has approved legislation requiring energy and water companies to report serious cyber incidents within twenty-four hours and to commission independent tests of their defences each year. The rules come into force in eighteen months.</p>'
            '<p>The law follows a series of attempted intrusions into utility networks across Europe. Companies that fail to comply could face substantial fines.</p>'
            '<blockquote><p>“The lights and the taps are national security now,” said Digital Minister Leonie Haas.</p></blockquote>'
            '<p>Industry groups supported the aims but warned that smaller operators would need help to meet the standards. The government has promised a support fund and free training for small utilities.</p>'
        ),
    },
    {
        "slug": "para-cycling-squad-named-under-new-head-coach",
        "headline": "Para-cycling squad named as new head coach takes charge",
        "standfirst": "Former world champion Marta Kowalczyk has picked a blend of veterans and newcomers for her first championships in charge.",
        "section": "sport",
        "bylines": ["owen-kaczmarek"],
        "tags": ["Cycling", "Paralympics", "Management"],
        "status": "published",
        "hours": 899,
        "alt": "Illustration of a tandem bicycle on a velodrome track",
        "caption": "The squad will train at the national velodrome before the championships.",
        "credit": "Newsroom Demo / Sport desk",
        "body": (
            '<p>Marta Kowalczyk has named her first para-cycling squad since becoming head coach, selecting four debutants alongside several Paralympic medallists. The youngest rider in the squad is just nineteen.</p>'
            '<p>The squad will compete on both road and track at the world championships next month. Selection for the following Paralympic Games will depend partly on results there.</p>'
            '<blockquote><p>“Experience wins medals, but youth keeps a team hungry,” said Kowalczyk.</p></blockquote>'
            '<p>Kowalczyk, a former world champion on the track, replaced a coach who had been in post for eleven years. She has introduced a new altitude training block.</p>'
        ),
    },
    # ------------------------------------------------------------ scheduled
    {
        "slug": "explainer-what-is-on-the-summit-table",
        "headline": "Explainer: what is on the table at next week’s alliance summit",
        "standfirst": "From long-term support for Ukraine to defence spending targets, here are the issues leaders will be wrestling with.",
        "section": "world",
        "bylines": ["tomas-brennan", "maya-lindqvist"],
        "tags": ["NATO", "Ukraine", "Summit", "Diplomacy"],
        "status": "scheduled",
        "hours": 36,
        "alt": "Illustration of a round table seen from above with coloured place cards",
        "caption": "Leaders will meet for two days of talks.",
        "credit": "Illustration: Desk graphics",
        "body": (
            '<p>The host city has been preparing for months, and security will be tight. Ukraine’s delegation is expected to arrive on the eve of the opening session.</p>'
            '<p>Leaders of NATO countries meet next week for a summit expected to be dominated by Ukraine. Diplomats have spent months negotiating the final communiqué, and several sticking points remain.</p>'
            '<h2>The main issues</h2>'
            '<ul><li><strong>Long-term support:</strong> a framework for multi-year military aid</li><li><strong>Spending:</strong> whether to raise the guideline for defence budgets</li><li><strong>Industry:</strong> plans to expand ammunition and air defence production</li></ul>'
            '<blockquote><p>“The headline will be Ukraine, but the hard bargaining is about money,” said Agnieszka Duda, a senior fellow at the Institute for Continental Strategy.</p></blockquote>'
            '<p>Ukrainian officials will attend a dedicated session on the second day. Expect late nights and carefully chosen adjectives.</p>'
        ),
    },
    {
        "slug": "budget-preview-five-questions",
        "headline": "Budget preview: five questions for the finance minister",
        "standfirst": "Housing, defence and the coalition’s spending rules will shape next week’s budget. Here is what to watch.",
        "section": "politics",
        "bylines": ["saanvi-mehta", "amara-nwosu"],
        "tags": ["Budget", "Housing", "Coalition", "Defence spending"],
        "status": "scheduled",
        "hours": 72,
        "alt": "Illustration of a red folder on a desk beside a calculator and reading glasses",
        "caption": "The budget will be presented to parliament on Wednesday.",
        "credit": "Illustration: Desk graphics",
        "body": (
            '<p>Economists expect modest growth and slightly lower inflation to give the minister a little extra room. Coalition partners, however, have very different ideas about how to use it.</p>'
            '<p>The finance minister presents the first budget of the new coalition next week, with little room for manoeuvre. Here are five questions that will decide how it is received.</p>'
            '<ol><li>Will the housing target be funded?</li><li>How will higher defence spending be paid for?</li><li>Will regional grants be restored?</li><li>Are income tax thresholds frozen again?</li><li>Do the fiscal rules survive intact?</li></ol>'
            '<blockquote><p>“Every coalition budget is really two budgets stapled together,” said Jasper Lund, a former treasury adviser.</p></blockquote>'
            '<p>Our political and business teams will cover the statement live. Analysis of what it means for households will follow the same evening.</p>'
        ),
    },
    {
        "slug": "literary-festival-line-up-leans-on-local-talent",
        "headline": "Literary festival line-up leans on local talent",
        "standfirst": "This year’s programme features more debut authors from the region than ever before, alongside a handful of international names.",
        "section": "culture",
        "bylines": ["lucia-ferreira"],
        "tags": ["Books", "Festivals"],
        "status": "scheduled",
        "hours": 120,
        "alt": "Illustration of a striped festival tent with stacks of books inside",
        "caption": "The festival runs for ten days in the old town.",
        "credit": "Newsroom Demo / Culture desk",
        "body": (
            '<p>The city’s literary festival has unveiled a programme with a strong local flavour, including twelve debut authors from the region. Events will take place in libraries, cafés and a converted tram depot.</p>'
            '<p>Organisers say the focus reflects a boom in small independent publishers nearby. Several of the featured books were printed within the city limits.</p>'
            '<blockquote><p>“The best stories this year were written twenty minutes from here,” said festival director Ines Albrecht.</p></blockquote>'
            '<p>Tickets go on sale next week, with free events for under-eighteens. A shuttle bus will link the main venues.</p>'
        ),
    },
    {
        "slug": "rugby-cup-semi-final-preview",
        "headline": "Cup semi-final preview: Riverside Rovers face old rivals",
        "standfirst": "A fierce local derby will decide who reaches the rugby cup final, with both sides missing key players.",
        "section": "sport",
        "bylines": ["owen-kaczmarek"],
        "tags": ["Rugby", "Cup"],
        "status": "scheduled",
        "hours": 180,
        "alt": "Illustration of two rugby packs locked in a scrum under floodlights",
        "caption": "The sides have met in four of the past six semi-finals.",
        "credit": "Newsroom Demo / Sport desk",
        "body": (
            '<p>Riverside Rovers and Eastgate meet in the rugby cup semi-final on Saturday, renewing one of the oldest rivalries in the game. Both clubs are without their first-choice fly-halves.</p>'
            '<p>Rovers have won four of the past six meetings, but Eastgate arrive in better form. They have won their past seven matches in all competitions.</p>'
            '<blockquote><p>“Form goes out of the window in a derby,” said Rovers captain Callum Mbeki.</p></blockquote>'
            '<p>Kick-off is at three o’clock, and the match is a sell-out. Supporters without tickets can watch on big screens in the town square.</p>'
        ),
    },
    # ---------------------------------------------------------------- drafts
    {
        "slug": "explainer-how-allies-share-air-defence",
        "headline": "How allies share air defence systems, explained",
        "standfirst": "Launchers, radars and interceptors come from different countries. Here is how they are combined into a working shield.",
        "section": "world",
        "bylines": ["maya-lindqvist"],
        "tags": ["NATO", "Ukraine", "Air defence", "Defence"],
        "status": "draft",
        "hours": 0,
        "alt": "Diagram-style illustration of overlapping coverage circles on a map",
        "caption": "Layered air defence combines short, medium and long-range systems.",
        "credit": "Graphic: Data desk",
        "body": (
            '<p>Modern air defence is a layered system: long-range missiles for aircraft and ballistic threats, medium-range systems for cruise missiles, and guns and short-range missiles for drones. Ukraine operates equipment from many different suppliers.</p>'
            '<p>Making these systems work together requires common data links and careful training. Ukrainian engineers have built their own software to merge radar tracks from different systems.</p>'
            '<blockquote><p>“The hardware is the easy part; the plumbing between systems is where the real work is,” said Kristof Nagy, a former air defence officer.</p></blockquote>'
            '<p>The scarcest part of the system is often the interceptor missiles. Allies are now coordinating orders so that production matches demand more closely.</p>'
        ),
    },
    {
        "slug": "what-a-rate-cut-would-mean-for-savers",
        "headline": "What a rate cut would mean for savers and borrowers",
        "standfirst": "Lower interest rates would bring relief for mortgage holders, but savers could see returns fall quickly.",
        "section": "business",
        "bylines": ["amara-nwosu"],
        "tags": ["Interest rates", "Banking", "Inflation"],
        "status": "draft",
        "hours": 0,
        "alt": "Illustration of a piggy bank balanced on a seesaw against a house",
        "caption": "Savers and borrowers face different outcomes from a cut.",
        "credit": "Illustration: Desk graphics",
        "body": (
            '<p>If the central bank lowers interest rates as expected, variable-rate mortgage holders will feel the benefit first. Savers, meanwhile, may find that banks cut their rates faster than they raised them.</p>'
            '<p>Fixed-rate borrowers will see no change until their deals end. Lenders usually adjust new fixed-rate deals before the central bank acts.</p>'
            '<blockquote><p>“Now is the time for savers to look at fixed-term accounts before they disappear,” said Priyanka Doshi, a personal finance adviser.</p></blockquote>'
            '<p>For a typical household with a variable mortgage, even a small cut would lower monthly payments noticeably. The effect on savers depends on how quickly banks pass on the change.</p>'
        ),
    },
    {
        "slug": "comet-flyby-mission-gets-green-light",
        "headline": "Comet flyby mission gets the green light",
        "standfirst": "A small spacecraft will wait in space for a newly discovered comet and fly past it, capturing images of pristine material from the early solar system.",
        "section": "science",
        "bylines": ["hiroshi-vance"],
        "tags": ["Space", "Satellites", "Research"],
        "status": "draft",
        "hours": 0,
        "alt": "Illustration of a comet with a glowing tail passing a small spacecraft",
        "caption": "An artist’s impression of the spacecraft approaching its target.",
        "credit": "Illustration: Desk graphics",
        "body": (
            '<p>Space agencies have approved a mission that will park a small spacecraft in a waiting orbit until astronomers find a suitable comet entering the inner solar system for the first time. It will then fly out to meet it.</p>'
            '<p>Such comets carry material largely unchanged since the birth of the solar system. Studying them could reveal what the building blocks of the planets were made of.</p>'
            '<blockquote><p>“We are building a spacecraft for a target that nobody has discovered yet, which is wonderfully strange,” said Dr Leif Amundsen, the mission scientist.</p></blockquote>'
            '<p>Launch is planned within the decade, sharing a rocket with a larger observatory. The spacecraft could wait in space for several years before a target is found.</p>'
        ),
    },
    {
        "slug": "young-tennis-players-to-watch-grass-season",
        "headline": "Grass-court season: five young tennis players to watch",
        "standfirst": "A new generation of teenagers is making its mark on the junior circuit. Here are the names you will hear this summer.",
        "section": "sport",
        "bylines": ["owen-kaczmarek"],
        "tags": ["Tennis", "Youth sport"],
        "status": "draft",
        "hours": 0,
        "alt": "Illustration of a tennis ball resting on freshly cut grass beside a white line",
        "caption": "The grass-court season begins next month.",
        "credit": "Newsroom Demo / Sport desk",
        "body": (
            '<p>Grass demands quick reactions and a willingness to come forward to the net. Players who grew up on slow clay courts often take several seasons to adapt.</p>'
            '<p>The grass-court season is short, fast and unpredictable, which makes it a favourite for young players hoping to make a breakthrough. Here are five to watch.</p>'
            '<ul><li>Amira Solis, 17, big serve and fearless returns</li><li>Henrik Dahl, 18, an old-fashioned serve-and-volleyer</li><li>Zoe Marchand, 16, the youngest junior title winner this year</li></ul>'
            '<blockquote><p>“Grass rewards bravery, and teenagers have plenty of that,” said junior coach Dario Feld.</p></blockquote>'
            '<p>All three have climbed the junior rankings this season. The first grass-court tournaments will show whether their games suit the surface.</p>'
        ),
    },
]

# The image library beyond the stories' own pictures (those are library images too).
LIBRARY_PICTURES = [
    {
        "key": "substation-night-shift",
        "alt": "Engineers in orange jackets checking a transformer under floodlights",
        "caption": "A repair crew checks a transformer on a night shift outside the city.",
        "credit": "Newsroom Demo / Staff",
        "focal": (35, 55),
    },
]
# Published stories with a library picture inside their text, after their first paragraph:
# story slug -> the picture (a LIBRARY_PICTURES key, or the slug of the story it is the hero of).
STORY_FIGURES = {
    "ukraine-grid-engineers-protect-substations-before-winter": "substation-night-shift",
    "summit-host-city-braces-for-motorcades": "nato-defence-ministers-pledge-faster-air-defence-for-ukraine",
}
# Stories whose hero is another story's picture: one photo, uploaded once, in several stories.
SHARED_HEROES = {
    "explainer-what-is-on-the-summit-table": "nato-defence-ministers-pledge-faster-air-defence-for-ukraine",
}

# Stories the demo writer (Maya Lindqvist's byline) has taken through the workflow, so the
# admin's home shows real rows for each role: "step" is how far they went (load_demo takes
# the steps with articles.services). "hero": the key of a picture loaded above.
WORKFLOW_STORIES = [
    {
        "step": "in_review",
        "slug": "volunteer-spotters-join-northern-air-watch",
        "headline": "Volunteer spotters to join air-watch network along the northern border",
        "standfirst": "Retired pilots and radio amateurs will report low-flying aircraft and drones by phone app, filling gaps the radar chain cannot see.",
        "section": "world",
        "tags": ["Defence", "Air defence"],
        "hero": "baltic-air-defence-drill-shared-radar",
        "body": (
            "<p>A network of volunteer spotters will start reporting low-flying aircraft and drones along the northern border from next month, the regional defence command said, after a trial in three villages found that people on the ground often saw what the radar chain missed.</p>"
            "<p>About 400 volunteers, many of them retired pilots and radio amateurs, have signed up. Each will use a phone app that sends the direction, height and sound of an aircraft to a duty officer, who compares it with the radar picture.</p>"
            "<p>“Hills and forests hide a small drone from a radar fifty kilometres away, but not from someone standing in a field,” said Major Elin Sandqvist, who ran the trial.</p>"
        ),
    },
    {
        "step": "changes_requested",
        "slug": "allies-weigh-shared-stock-of-artillery-spare-parts",
        "headline": "Allies weigh a shared stock of spare parts for donated artillery",
        "standfirst": "Crews say too many donated guns stand idle for want of barrels and breech parts; officials are discussing a common depot.",
        "section": "world",
        "tags": ["NATO", "Ukraine", "Defence"],
        "hero": "european-shell-makers-add-night-shifts",
        "body": (
            "<p>Allied governments will agree next month on a shared stock of spare parts for the artillery they have donated, officials said, after crews complained that guns stood idle for weeks while a single barrel or breech part was found.</p>"
            "<p>About 40 per cent of the donated guns are out of service at any time, according to an artillery officer who spoke on condition of anonymity.</p>"
            "<p>A common depot near the border would hold the parts most often needed and send them within days rather than weeks.</p>"
        ),
        "note": (
            "Two things before this can go out.\n"
            "1. The first paragraph says allies “will agree next month”: the ministry only said the depot is under "
            "discussion. Please say that.\n"
            "2. The 40 per cent figure needs a second source. If the manufacturer will not confirm it, attribute it "
            "clearly to the officer and say we could not check it independently."
        ),
    },
    {
        "step": "scheduled_today",
        "slug": "research-council-report-drones-third-of-procurement",
        "headline": "Drones to make up a third of new defence buying, research council report says",
        "standfirst": "An embargoed report from the defence research council says cheap drones and the means to stop them will take a growing share of budgets.",
        "section": "world",
        "tags": ["Defence", "Drones"],
        "hero": "acoustic-sensor-networks-against-low-flying-drones",
        "body": (
            "<p>Drones and the systems that stop them will make up about a third of new defence purchases within five years, according to a report by the defence research council published today.</p>"
            "<p>The council, which advises parliament, says cheap drones have changed what armies buy faster than any technology since the radio, and that budgets planned around a few expensive platforms need revisiting.</p>"
            "<p>The report recommends a joint test range where manufacturers from several countries can try their systems against each other.</p>"
        ),
    },
]

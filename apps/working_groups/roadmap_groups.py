"""The three working groups the Canadian Battery Innovation Roadmap asks the alliance to launch
("Launch working groups on critical issues (e.g., financing, skills, R&D)"), with summaries and
charters in the roadmap's own words. Seed content, stored once; leads edit it afterwards."""

HOW_WE_WORK = (
    "How we work\n"
    "The secretariat names the group's leads. Any person at an active member organization may ask "
    "to join; the leads approve requests, keep the membership current, edit this charter and report "
    "progress on the roadmap actions the group owns."
)

FINANCING_CHARTER = f"""Purpose
Enhance funding mechanisms and align existing programs to support battery innovation across all \
stages of development, from early-stage research to commercialization and scale-up.

Goal
$3B invested in battery innovation through public and private funding.

Roadmap actions we carry
- Align and focus existing funding mechanisms to better support the battery sector.
- Establish a dedicated Battery Innovation Venture Fund for early-stage capital.
- Expand the Office of Energy Research and Development (OERD) funding program with larger grants \
for growth-stage companies.
- Implement R&D minimums for companies receiving public support, so that companies receiving \
government assistance contribute to Canada's innovation ecosystem.

{HOW_WE_WORK}"""

SKILLS_CHARTER = f"""Purpose
Develop specialized training programs, enhance partnerships with educational institutions, and \
create a skilled workforce to drive battery innovation. The alliance coordinates training and \
education initiatives.

Goal
By 2035, train and integrate over 10,000 skilled professionals into Canada's battery industry, with \
at least 500 graduates annually from specialized training programs.

Roadmap actions we carry
- Map the skills required by the battery industrial and innovation ecosystem over different time \
horizons.
- Develop international partnerships with leading battery training organizations.
- Co-create curricula between universities, technical schools and battery companies.
- Launch specialized training programs and apprenticeships.
- Create a fellowship program for advanced research in battery technologies.

{HOW_WE_WORK}"""

RESEARCH_CHARTER = f"""Purpose
Foster collaboration in research and development. Expand research centers, establish demonstration \
facilities, and build out national labs to support cutting-edge battery research and development.

Goal
Canada's battery R&D centers and national labs contribute significantly to achieving the \
innovation metrics goals laid out in the roadmap.

Roadmap actions we carry
- Enhance existing research centers (e.g. Dalhousie University, University of Waterloo).
- Launch new battery research centers across Canada to promote regional diversity.
- Establish demonstration facilities for testing large-scale battery technologies.
- Create regional production clusters bringing together R&D centers, firms and other stakeholders.

{HOW_WE_WORK}"""

# slug, name, summary, charter
ROADMAP_GROUPS = [
    (
        "financing",
        "Financing",
        "Funding mechanisms and programs that support battery innovation at every stage, toward "
        "$3B invested in battery innovation.",
        FINANCING_CHARTER,
    ),
    (
        "skills",
        "Skills",
        "Specialized training, partnerships with educational institutions and a skilled battery "
        "workforce: over 10,000 professionals by 2035.",
        SKILLS_CHARTER,
    ),
    (
        "research-and-development",
        "R&D",
        "Research centers, demonstration facilities and national labs, and collaboration in battery "
        "research and development.",
        RESEARCH_CHARTER,
    ),
]

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

COMMENT_NOUS_TRAVAILLONS = (
    "Notre fonctionnement\n"
    "Le secrétariat nomme les responsables du groupe. Toute personne d'une organisation membre active "
    "peut demander à s'y joindre; les responsables approuvent les demandes, tiennent la liste des "
    "membres à jour, modifient cette charte et rendent compte de l'avancement des actions de la "
    "feuille de route dont le groupe est responsable."
)

CHARTE_FINANCEMENT = f"""Objet
Améliorer les mécanismes de financement et harmoniser les programmes existants afin de soutenir \
l'innovation en matière de batteries à toutes les étapes du développement, de la recherche \
fondamentale à la commercialisation et à la mise à l'échelle.

Objectif
3 G$ investis dans l'innovation en matière de batteries grâce au financement public et privé.

Actions de la feuille de route dont nous sommes responsables
- Harmoniser et cibler les mécanismes de financement existants pour mieux soutenir le secteur des \
batteries.
- Créer un fonds de capital de risque dédié à l'innovation en matière de batteries pour le capital \
de démarrage.
- Élargir le programme de financement du Bureau de recherche et de développement énergétiques \
(BRDE) avec des subventions plus importantes pour les entreprises en croissance.
- Imposer un minimum de R-D aux entreprises qui reçoivent un soutien public, afin qu'elles \
contribuent à l'écosystème d'innovation du Canada.

{COMMENT_NOUS_TRAVAILLONS}"""

CHARTE_COMPETENCES = f"""Objet
Élaborer des programmes de formation spécialisés, renforcer les partenariats avec les \
établissements d'enseignement et former une main-d'œuvre qualifiée pour stimuler l'innovation en \
matière de batteries. L'Alliance coordonne les initiatives de formation et d'éducation.

Objectif
D'ici 2035, former et intégrer plus de 10 000 professionnels qualifiés dans l'industrie canadienne \
des batteries, avec au moins 500 diplômés par année issus de programmes de formation spécialisés.

Actions de la feuille de route dont nous sommes responsables
- Cartographier les compétences requises par l'écosystème industriel et d'innovation des batteries \
selon différents horizons.
- Établir des partenariats internationaux avec des organismes de formation de premier plan.
- Concevoir conjointement des programmes d'études entre universités, écoles techniques et \
entreprises du secteur.
- Lancer des programmes de formation spécialisés et des apprentissages.
- Créer un programme de bourses pour la recherche avancée sur les technologies de batteries.

{COMMENT_NOUS_TRAVAILLONS}"""

CHARTE_RECHERCHE = f"""Objet
Favoriser la collaboration en recherche et développement. Agrandir les centres de recherche, \
créer des installations de démonstration et développer les laboratoires nationaux pour soutenir la \
recherche et le développement de pointe sur les batteries.

Objectif
Les centres de R-D et les laboratoires nationaux du Canada contribuent de façon importante à \
l'atteinte des cibles d'innovation fixées par la feuille de route.

Actions de la feuille de route dont nous sommes responsables
- Renforcer les centres de recherche existants (p. ex. Université Dalhousie, Université de Waterloo).
- Lancer de nouveaux centres de recherche sur les batteries partout au Canada pour favoriser la \
diversité régionale.
- Créer des installations de démonstration pour mettre à l'essai les technologies de batteries à \
grande échelle.
- Créer des grappes régionales de production réunissant centres de R-D, entreprises et autres \
parties prenantes.

{COMMENT_NOUS_TRAVAILLONS}"""

# slug, then name, summary and charter in English and in French
ROADMAP_GROUPS = [
    (
        "financing",
        {
            "en": (
                "Financing",
                "Funding mechanisms and programs that support battery innovation at every stage, toward "
                "$3B invested in battery innovation.",
                FINANCING_CHARTER,
            ),
            "fr": (
                "Financement",
                "Des mécanismes et programmes de financement qui soutiennent l'innovation en matière de "
                "batteries à chaque étape, vers 3 G$ investis.",
                CHARTE_FINANCEMENT,
            ),
        },
    ),
    (
        "skills",
        {
            "en": (
                "Skills",
                "Specialized training, partnerships with educational institutions and a skilled battery "
                "workforce: over 10,000 professionals by 2035.",
                SKILLS_CHARTER,
            ),
            "fr": (
                "Compétences",
                "Formation spécialisée, partenariats avec les établissements d'enseignement et main-d'œuvre "
                "qualifiée : plus de 10 000 professionnels d'ici 2035.",
                CHARTE_COMPETENCES,
            ),
        },
    ),
    (
        "research-and-development",
        {
            "en": (
                "R&D",
                "Research centers, demonstration facilities and national labs, and collaboration in battery "
                "research and development.",
                RESEARCH_CHARTER,
            ),
            "fr": (
                "R-D",
                "Centres de recherche, installations de démonstration et laboratoires nationaux, et "
                "collaboration en recherche et développement sur les batteries.",
                CHARTE_RECHERCHE,
            ),
        },
    ),
]

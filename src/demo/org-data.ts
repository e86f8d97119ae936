/**
 * Demo organisation of Rotterdam (CBS 0599): the 14 gebieden, a selection of wijken with
 * their four-digit postcode areas, and neighbourhood teams in four rayons. Postcode
 * boundaries and team names are approximations for demonstration, not official data.
 */
export const MUNICIPALITY = { cbsCode: '0599', name: 'Rotterdam' };

export const REGIONS = ['Rayon Noord', 'Rayon West', 'Rayon Oost', 'Rayon Zuid'] as const;

type DistrictSeed = { name: string; pc4: [number, number][]; team: string; region: (typeof REGIONS)[number] };
type AreaSeed = { area: string; districts: DistrictSeed[] };

export const AREAS: AreaSeed[] = [
  { area: 'Centrum', districts: [
    { name: 'Stadsdriehoek', pc4: [[3011, 3011]], team: 'Wijkteam Centrum', region: 'Rayon West' },
    { name: 'Cool en CS-kwartier', pc4: [[3012, 3013]], team: 'Wijkteam Centrum', region: 'Rayon West' },
    { name: 'Oude Westen', pc4: [[3014, 3015]], team: 'Wijkteam Oude Westen', region: 'Rayon West' },
  ] },
  { area: 'Delfshaven', districts: [
    { name: 'Middelland en Nieuwe Westen', pc4: [[3021, 3023]], team: 'Wijkteam Middelland', region: 'Rayon West' },
    { name: 'Delfshaven en Schiemond', pc4: [[3024, 3025]], team: 'Wijkteam Delfshaven', region: 'Rayon West' },
    { name: 'Bospolder-Tussendijken', pc4: [[3026, 3026]], team: 'Wijkteam Bospolder-Tussendijken', region: 'Rayon West' },
    { name: 'Spangen en Oud-Mathenesse', pc4: [[3027, 3029]], team: 'Wijkteam Spangen', region: 'Rayon West' },
  ] },
  { area: 'Overschie', districts: [{ name: 'Overschie', pc4: [[3041, 3047]], team: 'Wijkteam Overschie', region: 'Rayon Noord' }] },
  { area: 'Noord', districts: [
    { name: 'Oude Noorden en Agniesebuurt', pc4: [[3031, 3033], [3035, 3036]], team: 'Wijkteam Oude Noorden', region: 'Rayon Noord' },
    { name: 'Liskwartier en Blijdorp', pc4: [[3037, 3039]], team: 'Wijkteam Blijdorp', region: 'Rayon Noord' },
  ] },
  { area: 'Hillegersberg-Schiebroek', districts: [
    { name: 'Schiebroek', pc4: [[3051, 3053]], team: 'Wijkteam Schiebroek', region: 'Rayon Noord' },
    { name: 'Hillegersberg', pc4: [[3054, 3059]], team: 'Wijkteam Hillegersberg', region: 'Rayon Noord' },
  ] },
  { area: 'Kralingen-Crooswijk', districts: [
    { name: 'Kralingen', pc4: [[3061, 3063]], team: 'Wijkteam Kralingen', region: 'Rayon Oost' },
    { name: 'Crooswijk', pc4: [[3034, 3034]], team: 'Wijkteam Crooswijk', region: 'Rayon Oost' },
  ] },
  { area: 'Prins Alexander', districts: [
    { name: 'Prinsenland en Het Lage Land', pc4: [[3064, 3067]], team: 'Wijkteam Prins Alexander Zuid', region: 'Rayon Oost' },
    { name: 'Zevenkamp en Ommoord', pc4: [[3068, 3069]], team: 'Wijkteam Ommoord', region: 'Rayon Oost' },
  ] },
  { area: 'Feijenoord', districts: [
    { name: 'Feijenoord en Noordereiland', pc4: [[3071, 3071]], team: 'Wijkteam Feijenoord', region: 'Rayon Zuid' },
    { name: 'Afrikaanderwijk en Katendrecht', pc4: [[3072, 3073]], team: 'Wijkteam Afrikaanderwijk', region: 'Rayon Zuid' },
    { name: 'Hillesluis en Bloemhof', pc4: [[3074, 3076]], team: 'Wijkteam Hillesluis', region: 'Rayon Zuid' },
  ] },
  { area: 'IJsselmonde', districts: [
    { name: 'Lombardijen en Beverwaard', pc4: [[3077, 3077]], team: 'Wijkteam Lombardijen', region: 'Rayon Zuid' },
    { name: 'Groot-IJsselmonde', pc4: [[3078, 3079]], team: 'Wijkteam IJsselmonde', region: 'Rayon Zuid' },
  ] },
  { area: 'Charlois', districts: [
    { name: 'Oud-Charlois en Tarwewijk', pc4: [[3081, 3083]], team: 'Wijkteam Charlois', region: 'Rayon Zuid' },
    { name: 'Carnisse en Zuidwijk', pc4: [[3084, 3085]], team: 'Wijkteam Carnisse', region: 'Rayon Zuid' },
    { name: 'Pendrecht', pc4: [[3086, 3089]], team: 'Wijkteam Pendrecht', region: 'Rayon Zuid' },
  ] },
  { area: 'Pernis', districts: [{ name: 'Pernis', pc4: [[3195, 3195]], team: 'Wijkteam Hoogvliet-Pernis', region: 'Rayon Zuid' }] },
  { area: 'Hoogvliet', districts: [{ name: 'Hoogvliet', pc4: [[3190, 3194]], team: 'Wijkteam Hoogvliet-Pernis', region: 'Rayon Zuid' }] },
  { area: 'Hoek van Holland', districts: [{ name: 'Hoek van Holland', pc4: [[3150, 3151]], team: 'Wijkteam Hoek van Holland', region: 'Rayon West' }] },
  { area: 'Rozenburg', districts: [{ name: 'Rozenburg', pc4: [[3180, 3181]], team: 'Wijkteam Rozenburg', region: 'Rayon West' }] },
];

export const DESKS = [
  { name: 'VraagWijzer Centrum', deskType: 'vraagwijzer' },
  { name: 'VraagWijzer Zuid', deskType: 'vraagwijzer' },
  { name: 'Centraal Onthaal Volwassenen', deskType: 'cov' },
  // Young people (16–27) on the city-desk route go here instead of Centraal Onthaal.
  { name: 'Jongerenloket', deskType: 'jongerenloket', routeAges: [16, 27] },
  { name: 'CJG Rotterdam-Rijnmond', deskType: 'cjg' },
] as const;

/** One demo user per role. All share DEMO_PASSWORD (printed in the README; demo only). */
export const DEMO_PASSWORD = 'Wegwijs-demo-2026';
export const DEMO_USERS = [
  { username: 'balie', displayName: 'Bea Balie', roles: ['desk_worker'], teams: ['VraagWijzer Centrum'] },
  { username: 'cjg', displayName: 'Carla CJG', roles: ['desk_worker'], teams: ['CJG Rotterdam-Rijnmond'] },
  /** Jeugdconsulent: works the Jeugdwet meldingen in the CJG's inbox (the Wmo process with law 'jeugdwet'). */
  { username: 'jeugd', displayName: 'Jesse Jeugdconsulent', roles: ['wmo_adviser'], teams: ['CJG Rotterdam-Rijnmond'] },
  { username: 'onthaal', displayName: 'Otto Onthaal', roles: ['desk_worker'], teams: ['Centraal Onthaal Volwassenen'] },
  { username: 'jongeren', displayName: 'Jamal Jongerenloket', roles: ['desk_worker'], teams: ['Jongerenloket'] },
  { username: 'wijkteam', displayName: 'Wim Wijkteam', roles: ['team_worker'], teams: ['Wijkteam Oude Noorden'] },
  { username: 'wijkteam2', displayName: 'Zara Zuid', roles: ['team_worker'], teams: ['Wijkteam Charlois'] },
  { username: 'wmo', displayName: 'Wendy Wmo-adviseur', roles: ['wmo_adviser'], teams: ['Wijkteam Oude Noorden'] },
  { username: 'teamleider', displayName: 'Tom Teamleider', roles: ['team_lead'], teams: ['Wijkteam Oude Noorden'] },
  { username: 'beleid', displayName: 'Bram Beleid', roles: ['policy_analyst'], teams: [] },
  { username: 'manager', displayName: 'Mila Manager', roles: ['manager'], teams: [] },
  { username: 'financien', displayName: 'Fenna Financiën', roles: ['finance'], teams: [] },
  { username: 'beheer', displayName: 'Bart Beheer', roles: ['admin'], teams: [] },
  { username: 'privacy', displayName: 'Petra Privacy', roles: ['privacy_officer'], teams: [] },
  /** Aandachtsfunctionaris huiselijk geweld en kindermishandeling: on the case of every sealed safety record. */
  { username: 'aandacht', displayName: 'Anouk Aandacht', roles: ['safety_officer'], teams: [] },
] as const;

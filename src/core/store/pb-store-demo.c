/* pb-store-demo.c: the demo process a new installation starts with.
 *
 * A newcomer should see a working app at once: a neighbourhood fund with
 * a real budget, a dozen believable projects in four categories, two of
 * them competing for the same site, voting open and a few ballots in.
 */

#include "pb-config.h"

#include <glib/gi18n-lib.h>

#include "pb-store-rows.h"

typedef struct {
  const char *code;
  const char *title;
  const char *summary;
  const char *description;
  const char *cost;
  guint       category;     /* index into categories[] */
  const char *group;        /* incompatibility group or NULL */
  const char *location;
} DemoProject;

static const char * const categories[] = {
  N_("Parks and green spaces"),
  N_("Streets and safety"),
  N_("Community and culture"),
  N_("Children and young people"),
};

static const DemoProject projects[] = {
  { "RF-01", N_("Wildflower meadow in Riverside Park"),
    N_("Turn the mown lawn by the river into a wildflower meadow with a mown path."),
    N_("The large lawn between the bandstand and the river is mown every fortnight and hardly used. "
       "Volunteers from the Friends of Riverside Park will sow native wildflowers, and the council will mow "
       "a winding path through it twice a year. The meadow feeds bees and butterflies and saves mowing costs."),
    "4500", 0, NULL, N_("Riverside Park, east lawn") },
  { "RF-02", N_("Twelve new street trees on Canal Road"),
    N_("Plant twelve semi-mature trees with guards along Canal Road."),
    N_("Canal Road has no trees between the bridge and the school. This project plants twelve semi-mature "
       "lime and rowan trees in tree pits, with guards and three years of watering by the council's "
       "contractor. Residents asked for shade for the walk to school."),
    "9600", 0, NULL, N_("Canal Road, between the bridge and St Anne's School") },
  { "RF-03", N_("Community orchard on the Mill Lane plot"),
    N_("An orchard of 20 fruit trees with benches on the empty Mill Lane plot."),
    N_("The council-owned plot on Mill Lane has been empty since the garages were demolished. An orchard of "
       "twenty apple, pear and plum trees, two benches and a noticeboard would give the street a shared green "
       "space. The residents' association will look after it and hold a harvest day each autumn."),
    "12000", 0, "Mill Lane plot", N_("Mill Lane, former garage site") },
  { "RF-04", N_("Skate and BMX park on the Mill Lane plot"),
    N_("A small concrete skate park for teenagers on the empty Mill Lane plot."),
    N_("Young people have asked for somewhere to skate since the old ramps were removed in 2019. A compact "
       "concrete skate park with a bowl, rails and a quarter pipe would fit on the Mill Lane plot. Only one "
       "project can use the plot, so this competes with the community orchard."),
    "28000", 3, "Mill Lane plot", N_("Mill Lane, former garage site") },
  { "RF-05", N_("Safer crossing outside St Anne's School"),
    N_("A raised zebra crossing with flashing beacons on Canal Road by the school gates."),
    N_("Parents report cars speeding past the school gates at drop-off time. A raised zebra crossing with "
       "flashing beacons and new kerbs slows traffic and gives children a clear place to cross. Highways "
       "officers have checked that the road is suitable."),
    "18500", 1, NULL, N_("Canal Road at St Anne's School") },
  { "RF-06", N_("Brighter lighting on the towpath"),
    N_("Replace the eight broken lamps on the canal towpath with low-glare LED lights."),
    N_("The towpath between Lock 4 and the station is the quickest way home for many residents, but half "
       "of its lamps no longer work and people avoid it after dark. New low-glare LED lamps, angled away from "
       "the water to protect bats, would make the path usable all year."),
    "14200", 1, NULL, N_("Canal towpath, Lock 4 to the station") },
  { "RF-07", N_("Covered bike racks at the library"),
    N_("Twenty covered and lockable bike spaces outside Riverside Library."),
    N_("The library has two old bike hoops, always full. This project installs a covered shelter with twenty "
       "Sheffield stands and CCTV coverage from the existing library camera, so that visitors and staff can "
       "cycle without worrying about theft or rain."),
    "6800", 1, NULL, N_("Riverside Library forecourt") },
  { "RF-08", N_("Free summer festival in the park"),
    N_("A one-day free festival with local bands, food stalls and a children's area."),
    N_("Riverside used to have a summer fair. This project funds a one-day festival in July: a stage and "
       "sound system for local bands and choirs, a children's area, toilets and first aid. Local food "
       "traders pay a small fee for their stalls, which goes towards the next year's festival."),
    "7500", 2, NULL, N_("Riverside Park, bandstand") },
  { "RF-09", N_("Repair the community centre roof"),
    N_("Fix the leaking flat roof of the Riverside Community Centre."),
    N_("Water comes into the main hall of the community centre whenever it rains, and two rooms can no "
       "longer be hired out. A surveyor has recommended replacing the flat roof membrane and the gutters. "
       "The centre hosts the lunch club, the toddler group and the food bank."),
    "21000", 2, NULL, N_("Riverside Community Centre, Wharf Street") },
  { "RF-10", N_("Library makerspace"),
    N_("A 3D printer, laser cutter and sewing machines in a library room, with volunteer sessions."),
    N_("A room at the library is used only for storage. Fitted out as a makerspace with a 3D printer, a "
       "small laser cutter, two sewing machines and hand tools, it would host weekly sessions run by "
       "volunteers from the repair café, open to everyone aged twelve and over."),
    "8900", 3, NULL, N_("Riverside Library, first floor") },
  { "RF-11", N_("New play equipment at Pike Street playground"),
    N_("Replace the worn-out climbing frame and add an accessible roundabout."),
    N_("The climbing frame at Pike Street playground was fenced off last year as unsafe. This project "
       "replaces it with a new climbing unit for ages 4 to 11 and adds a wheelchair-accessible roundabout, so "
       "that every child can play together."),
    "16500", 3, NULL, N_("Pike Street playground") },
  { "RF-12", N_("Benches and planters on the High Street"),
    N_("Ten benches and large planters along the High Street for people to rest."),
    N_("Older residents say there is nowhere to sit between the bus stop and the shops. Ten sturdy benches "
       "and large planters with seasonal flowers, cared for by the traders' association, would make the "
       "High Street friendlier and greener."),
    "5400", 1, NULL, N_("High Street") },
};

/* Sample ballots, as project indices; each fits the £50,000 limit. */
static const int ballots[][6] = {
  { 0, 4, 6, 11, -1 },
  { 2, 5, 7, 11, 9, -1 },
  { 3, 6, 11, 7, -1 },
  { 0, 1, 5, 8, -1 },
  { 4, 8, 0, -1 },
};

PbProcess *
pb_store_seed_demo (PbStore  *self,
                    GError  **error)
{
  static const struct { PbPhase from, to; const char *reason; } phases[] = {
    { PB_PHASE_DRAFT, PB_PHASE_PROPOSALS, N_("Call for project ideas opened") },
    { PB_PHASE_PROPOSALS, PB_PHASE_REVIEW, N_("Proposals closed; council officers review costs") },
    { PB_PHASE_REVIEW, PB_PHASE_VOTING, N_("Voting opened at the library and online") },
  };
  PbProcessData d = { NULL, };
  g_autoptr(PbProcess) process = NULL;
  gint64 category_ids[G_N_ELEMENTS (categories)];
  gint64 project_ids[G_N_ELEMENTS (projects)];
  gint64 process_id;
  gint64 now = g_get_real_time ();

  g_return_val_if_fail (PB_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  d.name = (char *) _("Riverside Neighbourhood Fund 2026");
  d.description = (char *) _("Riverside residents decide how to spend £50,000 on their neighbourhood. Choose the "
                             "projects you want, up to a total of £50,000. Everyone aged 14 and over who lives, "
                             "works or studies in Riverside can vote.");
  d.currency = (char *) "GBP";
  d.budget = (char *) "50000";
  d.phase = PB_PHASE_VOTING;
  d.format = PB_BALLOT_FORMAT_KNAPSACK;
  d.max_projects = 6;
  d.cost_limit = (char *) "";
  d.counting_rule = (char *) "greedy-cost";
  d.tie_break = (char *) "cost,votes,lot";
  d.created = now;

  /* One transaction, so that a first start never leaves half a demo. */
  if (!pb_store_begin (self, error))
    return NULL;
  if (!pb_row_insert_process (self, &d, "process-create", "Demo process created", &process_id, error))
    goto fail;
  for (guint i = 0; i < G_N_ELEMENTS (phases); i++)
    if (!pb_row_insert_phase_change (self, process_id, phases[i].from, phases[i].to, _(phases[i].reason), error))
      goto fail;
  process = pb_process_new_internal (process_id, &d);

  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    {
      if (!pb_row_insert_category (self, process_id, _(categories[i]), "", &category_ids[i], error))
        goto fail;
      pb_process_take_category (process, pb_category_new_internal (category_ids[i], process_id, _(categories[i]),
                                                                   ""));
    }

  for (guint i = 0; i < G_N_ELEMENTS (projects); i++)
    {
      const DemoProject *p = &projects[i];
      const char *groups[] = { p->group, NULL };
      PbProjectData pd = { NULL, };

      pd.code = (char *) p->code;
      pd.title = (char *) _(p->title);
      pd.summary = (char *) _(p->summary);
      pd.description = (char *) _(p->description);
      pd.cost = (char *) p->cost;
      pd.category_id = category_ids[p->category];
      pd.status = PB_PROJECT_STATUS_FEASIBLE;
      pd.status_reason = (char *) _("Costed and approved by council officers");
      pd.groups = (char **) groups;
      pd.image_path = (char *) "";
      pd.location = (char *) _(p->location);
      pd.position = i;
      if (!pb_row_insert_project (self, process_id, &pd, "project-add", &project_ids[i], error))
        goto fail;
      pb_process_take_project (process, pb_project_new_internal (project_ids[i], process_id, &pd));
    }

  for (guint i = 0; i < G_N_ELEMENTS (ballots); i++)
    {
      g_autoptr(PbBallotChoices) choices = pb_ballot_choices_new (PB_BALLOT_FORMAT_KNAPSACK);
      g_autofree char *text = NULL;
      g_autofree char *uuid = g_uuid_string_random ();

      for (guint j = 0; ballots[i][j] >= 0; j++)
        pb_ballot_choices_add (choices, project_ids[ballots[i][j]], 1);
      if (!pb_ballot_validate (process, choices, error))
        goto fail;
      text = pb_ballot_choices_to_string (choices);
      if (!pb_store_insert_ballot (self, process, uuid, pb_store_get_kiosk_row (self), pb_store_get_kiosk_id (self),
                                   PB_BALLOT_METHOD_KIOSK, now, text, FALSE, NULL, error))
        goto fail;
    }
  if (!pb_store_commit (self, error))
    goto fail;

  pb_process_set_ballot_count (process, G_N_ELEMENTS (ballots));
  pb_store_add_process_object (self, g_object_ref (process));
  return process;

fail:
  pb_store_rollback (self);
  return NULL;
}

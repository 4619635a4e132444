/* pb-workshop.h: a workshop that gathers proposals with the OPERA
 * technique (Own, Pair, Explain, Rank, Arrange).
 *
 * A process in the proposals phase may hold one workshop.  It moves
 * through stages: warm-up (the key jar, optional) → criteria (optional) →
 * own → pair → explain → rank → arrange, and may go back a stage.  Its
 * whole state (stage, timer, questions, criteria, participants, ideas,
 * pairs, picks and merges, the Explain order, dots, groups, promotions)
 * lives in the database, so a restart continues where it stopped.
 *
 * A PbWorkshop is a snapshot of that state, shared by everyone who asks
 * the store for it.  Change it only through the pb_store_workshop_*()
 * functions: each is one transaction; on success the snapshot is reloaded
 * and emits "changed"; on failure nothing changed and @error says why
 * (PB_WORKSHOP_ERROR for a broken rule, PB_STORE_ERROR for the database).
 * Promoting an idea or a group creates a project (status proposed) and
 * appends its audit entries in the same transaction.
 *
 * The structs below are read-only views owned by the snapshot: they are
 * replaced at every "changed", so keep ids, not pointers.
 */
#pragma once

#include <gio/gio.h>

#include "pb-store.h"

G_BEGIN_DECLS

#define PB_WORKSHOP_ERROR (pb_workshop_error_quark ())

typedef enum {
  PB_WORKSHOP_ERROR_NOT_PROPOSALS,     /* the process is not in the proposals phase */
  PB_WORKSHOP_ERROR_WRONG_STAGE,       /* not allowed in the current stage */
  PB_WORKSHOP_ERROR_NO_NEXT_STAGE,     /* already at the last stage */
  PB_WORKSHOP_ERROR_NO_PREVIOUS_STAGE, /* already at the first stage */
  PB_WORKSHOP_ERROR_EMPTY,             /* an empty text or name */
  PB_WORKSHOP_ERROR_DUPLICATE,         /* a participant or group name taken */
  PB_WORKSHOP_ERROR_NOT_FOUND,         /* no such question, participant, idea, group */
  PB_WORKSHOP_ERROR_NO_IDEAS,          /* leaving Own with no idea */
  PB_WORKSHOP_ERROR_NONE_PICKED,       /* leaving Pair with no idea picked */
  PB_WORKSHOP_ERROR_NOT_SAME_PAIR,     /* merging ideas of two pairs */
  PB_WORKSHOP_ERROR_ALREADY_MERGED,    /* an idea that went into a merge */
  PB_WORKSHOP_ERROR_NOT_PICKED,        /* dots or a group for an idea not picked */
  PB_WORKSHOP_ERROR_TOO_MANY_DOTS,     /* more dots than a participant has */
  PB_WORKSHOP_ERROR_ALREADY_PROMOTED,  /* an idea or group already a project */
  PB_WORKSHOP_ERROR_JAR_EMPTY,         /* every question has been drawn */
  PB_WORKSHOP_ERROR_HAS_IDEAS,         /* removing a participant who wrote ideas */
  PB_WORKSHOP_ERROR_INVALID,           /* a bad number: dots, seconds */
} PbWorkshopError;

GQuark pb_workshop_error_quark (void);

typedef enum {
  PB_WORKSHOP_STAGE_WARM_UP,
  PB_WORKSHOP_STAGE_CRITERIA,
  PB_WORKSHOP_STAGE_OWN,
  PB_WORKSHOP_STAGE_PAIR,
  PB_WORKSHOP_STAGE_EXPLAIN,
  PB_WORKSHOP_STAGE_RANK,
  PB_WORKSHOP_STAGE_ARRANGE,
} PbWorkshopStage;

#define PB_WORKSHOP_STAGE_LAST PB_WORKSHOP_STAGE_ARRANGE

/* "warm-up", "criteria", "own", "pair", "explain", "rank", "arrange". */
const char  *pb_workshop_stage_to_string   (PbWorkshopStage  stage);
gboolean     pb_workshop_stage_from_string (const char      *name,
                                            PbWorkshopStage *out);
/* Translated: "Warm-up", "Criteria", "Own", … */
const char  *pb_workshop_stage_get_label   (PbWorkshopStage  stage);
/* A translated one-line prompt for the room ("What would good look like?"). */
const char  *pb_workshop_stage_get_prompt  (PbWorkshopStage  stage);
/* The default timer length of a stage, in seconds. */
guint        pb_workshop_stage_get_default_length (PbWorkshopStage stage);

/* The translated starter questions of the key jar (NULL-terminated,
 * untranslated msgids; translate each with _()). */
const char * const *pb_workshop_get_starter_questions (void);

typedef enum {
  PB_WORKSHOP_ORIGIN_OWN,     /* written by a participant */
  PB_WORKSHOP_ORIGIN_MERGE,   /* two ideas of a pair merged into one */
} PbWorkshopOrigin;

typedef struct {
  gint64     id;
  char      *text;
  gboolean   drawn;
} PbWorkshopQuestion;

typedef struct {
  gint64     id;
  char      *text;
} PbWorkshopCriterion;

typedef struct {
  gint64     id;
  char      *name;
  guint      pair;            /* 1, 2, …; 0 when not paired */
  guint      dots_used;
} PbWorkshopParticipant;

typedef struct {
  gint64            id;
  char             *text;
  gint64            participant_id;   /* 0 for a merge */
  guint             pair;             /* the author's pair, or the merge's */
  PbWorkshopOrigin  origin;
  gint64            merged_a;         /* a merge's two ideas, else 0 */
  gint64            merged_b;
  gint64            merged_into;      /* the merge it went into, else 0 */
  gboolean          picked;
  int               explain_position; /* -1 when not in the Explain order */
  gint64            group_id;         /* 0 when in no group */
  guint             dots;             /* the tally */
  gint64            project_id;       /* the project it was promoted to, else 0 */
} PbWorkshopIdea;

typedef struct {
  gint64     id;
  char      *name;
  guint      dots;            /* the sum of its ideas' dots */
  gint64     project_id;      /* the project it was promoted to, else 0 */
} PbWorkshopGroup;

typedef struct {
  gint64     id;
  gint64     project_id;      /* 0 once the project was deleted */
  gint64     idea_id;         /* one of idea_id and group_id is set */
  gint64     group_id;
  guint      dots;
  char      *origin;
  gint64     time;            /* µs since the Unix epoch */
} PbWorkshopPromotion;

#define PB_TYPE_WORKSHOP (pb_workshop_get_type ())
G_DECLARE_FINAL_TYPE (PbWorkshop, pb_workshop, PB, WORKSHOP, GObject)

gint64            pb_workshop_get_id                  (PbWorkshop *self);
gint64            pb_workshop_get_process_id          (PbWorkshop *self);
PbWorkshopStage   pb_workshop_get_stage               (PbWorkshop *self);
gboolean          pb_workshop_get_uses_warm_up        (PbWorkshop *self);
gboolean          pb_workshop_get_uses_criteria       (PbWorkshop *self);
guint             pb_workshop_get_dots_per_participant (PbWorkshop *self);
/* The first stage in use, and whether @stage is skipped. */
PbWorkshopStage   pb_workshop_get_first_stage         (PbWorkshop *self);
gboolean          pb_workshop_stage_is_used           (PbWorkshop *self,
                                                       PbWorkshopStage stage);

/* ---- The timer of the current stage --------------------------------------
 * Its length is the stage's configured length plus what was added with
 * extend.  It runs from start until pause; it restarts from zero at every
 * change of stage and at every idea of Explain. */
guint             pb_workshop_get_stage_length        (PbWorkshop *self,
                                                       PbWorkshopStage stage);
guint             pb_workshop_get_timer_extended      (PbWorkshop *self);
gboolean          pb_workshop_get_timer_running       (PbWorkshop *self);
/* µs since the epoch when it last started (0 when stopped). */
gint64            pb_workshop_get_timer_started       (PbWorkshop *self);
/* Seconds left at @now (µs since the epoch); negative once over time. */
gint64            pb_workshop_get_timer_remaining     (PbWorkshop *self,
                                                       gint64      now);

/* ---- The rows (transfer none, PbWorkshop… structs, in display order) ---- */
GPtrArray        *pb_workshop_get_questions           (PbWorkshop *self);
GPtrArray        *pb_workshop_get_criteria            (PbWorkshop *self);
GPtrArray        *pb_workshop_get_participants        (PbWorkshop *self);
/* Every idea, merged-away ones included, oldest first. */
GPtrArray        *pb_workshop_get_ideas               (PbWorkshop *self);
GPtrArray        *pb_workshop_get_groups              (PbWorkshop *self);
GPtrArray        *pb_workshop_get_promotions          (PbWorkshop *self);

const PbWorkshopQuestion    *pb_workshop_get_drawn_question (PbWorkshop *self);
const PbWorkshopParticipant *pb_workshop_lookup_participant (PbWorkshop *self, gint64 id);
const PbWorkshopIdea        *pb_workshop_lookup_idea        (PbWorkshop *self, gint64 id);
const PbWorkshopGroup       *pb_workshop_lookup_group       (PbWorkshop *self, gint64 id);

/* Number of pairs (the highest pair number). */
guint             pb_workshop_get_n_pairs             (PbWorkshop *self);
/* The picked ideas in Explain order (transfer container). */
GPtrArray        *pb_workshop_dup_explain_order       (PbWorkshop *self);
guint             pb_workshop_get_explain_index       (PbWorkshop *self);
/* The idea being explained, or NULL. */
const PbWorkshopIdea *pb_workshop_get_explained_idea  (PbWorkshop *self);
/* The picked ideas by dots, most first, then Explain order (transfer container). */
GPtrArray        *pb_workshop_dup_tally               (PbWorkshop *self);
/* Dots @participant_id placed on @idea_id. */
guint             pb_workshop_get_dots                (PbWorkshop *self,
                                                       gint64      participant_id,
                                                       gint64      idea_id);

/* The workshop record as JSON (UTF-8, keys in a stable order). */
char             *pb_workshop_to_json                 (PbWorkshop *self,
                                                       PbStore    *store);

/* ---- The store ----------------------------------------------------------- */

/* The workshop of @process (transfer none, shared), or NULL without error
 * when it has none. */
PbWorkshop   *pb_store_get_workshop              (PbStore     *store,
                                                  PbProcess   *process,
                                                  GError     **error);
/* Starts the workshop of a process in the proposals phase with the
 * starter questions, translated, in its key jar; returns the existing one
 * when there is one (transfer none). */
PbWorkshop   *pb_store_start_workshop            (PbStore     *store,
                                                  PbProcess   *process,
                                                  GError     **error);
/* Rereads the workshop from the database (emits "changed"). */
gboolean      pb_store_workshop_reload           (PbStore     *store,
                                                  PbWorkshop  *workshop,
                                                  GError     **error);

/* Settings: whether the optional stages are used and the dots each
 * participant has (1–99; not below what someone has placed). */
gboolean      pb_store_workshop_configure        (PbStore     *store,
                                                  PbWorkshop  *workshop,
                                                  gboolean     use_warm_up,
                                                  gboolean     use_criteria,
                                                  guint        dots_per_participant,
                                                  GError     **error);
/* A stage's timer length, 10 s to 4 h. */
gboolean      pb_store_workshop_set_stage_length (PbStore     *store,
                                                  PbWorkshop  *workshop,
                                                  PbWorkshopStage stage,
                                                  guint        seconds,
                                                  GError     **error);

/* Stages.  Leaving Own needs an idea; entering Pair pairs everyone when
 * nobody is paired yet; leaving Pair needs a picked idea and sets the
 * Explain order.  Going back keeps everything. */
gboolean      pb_store_workshop_next_stage       (PbStore     *store,
                                                  PbWorkshop  *workshop,
                                                  GError     **error);
gboolean      pb_store_workshop_previous_stage   (PbStore     *store,
                                                  PbWorkshop  *workshop,
                                                  GError     **error);

/* The timer. */
gboolean      pb_store_workshop_timer_start      (PbStore     *store,
                                                  PbWorkshop  *workshop,
                                                  GError     **error);
gboolean      pb_store_workshop_timer_pause      (PbStore     *store,
                                                  PbWorkshop  *workshop,
                                                  GError     **error);
/* Adds 1 s – 1 h to the current stage's timer. */
gboolean      pb_store_workshop_timer_extend     (PbStore     *store,
                                                  PbWorkshop  *workshop,
                                                  guint        seconds,
                                                  GError     **error);

/* The key jar: editable in every stage; drawing only in the warm-up. */
gint64        pb_store_workshop_add_question     (PbStore *store, PbWorkshop *workshop,
                                                  const char *text, GError **error);
gboolean      pb_store_workshop_edit_question    (PbStore *store, PbWorkshop *workshop,
                                                  gint64 question_id, const char *text, GError **error);
gboolean      pb_store_workshop_remove_question  (PbStore *store, PbWorkshop *workshop,
                                                  gint64 question_id, GError **error);
/* Draws an undrawn question at random and shows it. */
gboolean      pb_store_workshop_draw_question    (PbStore *store, PbWorkshop *workshop, GError **error);
/* Puts every question back in the jar. */
gboolean      pb_store_workshop_refill_jar       (PbStore *store, PbWorkshop *workshop, GError **error);

/* Shared criteria (any stage). */
gint64        pb_store_workshop_add_criterion    (PbStore *store, PbWorkshop *workshop,
                                                  const char *text, GError **error);
gboolean      pb_store_workshop_edit_criterion   (PbStore *store, PbWorkshop *workshop,
                                                  gint64 criterion_id, const char *text, GError **error);
gboolean      pb_store_workshop_remove_criterion (PbStore *store, PbWorkshop *workshop,
                                                  gint64 criterion_id, GError **error);

/* Participants (any stage; one who wrote ideas stays). */
gint64        pb_store_workshop_add_participant  (PbStore *store, PbWorkshop *workshop,
                                                  const char *name, GError **error);
gboolean      pb_store_workshop_rename_participant (PbStore *store, PbWorkshop *workshop,
                                                  gint64 participant_id, const char *name, GError **error);
gboolean      pb_store_workshop_remove_participant (PbStore *store, PbWorkshop *workshop,
                                                  gint64 participant_id, GError **error);

/* Own: ideas are written (and removed) in the Own stage; their text can
 * be corrected in Own and Pair. */
gint64        pb_store_workshop_add_idea         (PbStore *store, PbWorkshop *workshop,
                                                  gint64 participant_id, const char *text, GError **error);
gboolean      pb_store_workshop_edit_idea        (PbStore *store, PbWorkshop *workshop,
                                                  gint64 idea_id, const char *text, GError **error);
gboolean      pb_store_workshop_remove_idea      (PbStore *store, PbWorkshop *workshop,
                                                  gint64 idea_id, GError **error);

/* Pair: pairs participants in their order (an odd one out joins the last
 * pair), or puts one in pair @pair (1 … participants); picks; merges two
 * ideas of one pair into a new picked idea. */
gboolean      pb_store_workshop_pair_everyone    (PbStore *store, PbWorkshop *workshop, GError **error);
gboolean      pb_store_workshop_set_pair         (PbStore *store, PbWorkshop *workshop,
                                                  gint64 participant_id, guint pair, GError **error);
gboolean      pb_store_workshop_set_picked       (PbStore *store, PbWorkshop *workshop,
                                                  gint64 idea_id, gboolean picked, GError **error);
gint64        pb_store_workshop_merge_ideas      (PbStore *store, PbWorkshop *workshop,
                                                  gint64 idea_a, gint64 idea_b, const char *text,
                                                  GError **error);

/* Explain: moves to the next or previous idea (restarting the timer) or
 * moves an idea up (-1) or down (+1) in the order. */
gboolean      pb_store_workshop_explain_step     (PbStore *store, PbWorkshop *workshop,
                                                  int delta, GError **error);
gboolean      pb_store_workshop_explain_move     (PbStore *store, PbWorkshop *workshop,
                                                  gint64 idea_id, int delta, GError **error);

/* Rank: sets the dots @participant_id places on a picked idea. */
gboolean      pb_store_workshop_set_dots         (PbStore *store, PbWorkshop *workshop,
                                                  gint64 participant_id, gint64 idea_id, guint dots,
                                                  GError **error);

/* Arrange: named groups; @group_id 0 takes an idea out of its group. */
gint64        pb_store_workshop_add_group        (PbStore *store, PbWorkshop *workshop,
                                                  const char *name, GError **error);
gboolean      pb_store_workshop_rename_group     (PbStore *store, PbWorkshop *workshop,
                                                  gint64 group_id, const char *name, GError **error);
gboolean      pb_store_workshop_remove_group     (PbStore *store, PbWorkshop *workshop,
                                                  gint64 group_id, GError **error);
gboolean      pb_store_workshop_move_to_group    (PbStore *store, PbWorkshop *workshop,
                                                  gint64 idea_id, gint64 group_id, GError **error);

/* Promotion (Arrange stage, proposals phase): creates a project (status
 * proposed, cost 0 until costed in review) from a picked idea or a group,
 * carrying its text, dots and origin, with its audit entries.  Returns
 * the project (transfer none). */
PbProject    *pb_store_workshop_promote_idea     (PbStore *store, PbWorkshop *workshop,
                                                  gint64 idea_id, GError **error);
PbProject    *pb_store_workshop_promote_group    (PbStore *store, PbWorkshop *workshop,
                                                  gint64 group_id, GError **error);

G_END_DECLS

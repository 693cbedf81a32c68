package no.nhn.driftsvakt.console;

import java.util.List;
import java.util.function.Predicate;

import no.nhn.driftsvakt.catalog.Catalog;
import no.nhn.driftsvakt.catalog.SupportGroup;

/**
 * The incident page's assignment section: who has the incident now, the functional escalation path from the
 * component's owning group (2nd line → 3rd line), the group the form suggests (the owner while nobody has it, then
 * the next line), and whether each group's contact can be told. Pure.
 *
 * @param assignee  the group the incident is assigned to; null: nobody yet
 * @param assigneeId the stored id (shown as-is if the catalog no longer has the group)
 * @param owner     the component's owning support group; null if it names none
 * @param path      the escalation path from the owner (or from the assignee when it is off that path)
 * @param suggested preselected in the form: the owner while unassigned, else the assignee's next line; may be null
 * @param next      the assignee's next line (the "escalate" button); null at the end of the path
 * @param options   every support group, for the form, the suggested one selected
 */
public record AssignmentView(SupportGroup assignee, String assigneeId, SupportGroup owner, List<Step> path,
                             SupportGroup suggested, SupportGroup next, List<Option> options) {

    /** A support group in the form's list. */
    public record Option(SupportGroup group, boolean selected) {
    }

    /** One group on the path: whether it has the incident now, and whether its contact is a registered staff contact. */
    public record Step(SupportGroup group, boolean current, boolean contactKnown) {
    }

    static AssignmentView of(Catalog catalog, String componentOwner, String assigneeId,
                             Predicate<SupportGroup> contactKnown) {
        SupportGroup owner = catalog.supportGroup(componentOwner).orElse(null);
        SupportGroup assignee = catalog.supportGroup(assigneeId).orElse(null);
        List<SupportGroup> groups = catalog.escalationPath(owner == null ? null : owner.id());
        if (assignee != null && groups.stream().noneMatch(g -> g.id().equals(assignee.id()))) {
            groups = catalog.escalationPath(assignee.id());
        }
        List<Step> path = groups.stream().map(g -> new Step(g, assignee != null && g.id().equals(assignee.id()),
                contactKnown.test(g))).toList();
        SupportGroup next = assignee == null ? null : catalog.supportGroup(assignee.escalatesTo()).orElse(null);
        SupportGroup suggested = assignee == null ? owner : next;
        List<Option> options = catalog.supportGroups().stream().map(g -> new Option(g, suggested != null
                && suggested.id().equals(g.id()))).toList();
        return new AssignmentView(assignee, assigneeId, owner, path, suggested, next, options);
    }
}

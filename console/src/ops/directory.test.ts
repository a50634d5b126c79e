import { describe, expect, it } from "vitest";
import {
  activeMembers, branchIds, checkDelegation, checkDepartment, checkRole, checkUser, delegationForm, delegationInput,
  departmentForm, departmentInput, departmentTree, descendantsOf, directoryTab, filterUsers, inBatches, localInputValue,
  mergeDelegations, parentChoices, roleHolders, userFilterOf, userFilterQuery, userForm, userInput,
} from "./directory";

const users = [
  { username: "bob", name: "Bob", email: "bob@example.com", active: true, departments: ["eng"], roles: [] },
  { username: "alice", name: "Alice", email: "alice@example.com", active: true, departments: ["eng", "ops"], roles: ["director"] },
  { username: "old", name: "Old Timer", active: false, departments: ["ops"], roles: ["director"] },
];

const departments = [
  { id: "company", name: "Company" },
  { id: "ops", name: "Ops", parentId: "company" },
  { id: "eng", name: "Engineering", parentId: "company" },
  { id: "web", name: "Web", parentId: "eng" },
  { id: "orphan", name: "Orphan", parentId: "gone" },
];

describe("the directory tab", () => {
  it("reads the tab from the address, users when it names none or an unknown one", () => {
    expect(directoryTab("roles")).toBe("roles");
    expect(directoryTab(null)).toBe("users");
    expect(directoryTab("nope")).toBe("users");
  });
});

describe("filtering users", () => {
  const none = { department: "", role: "", active: "", text: "" };

  it("keeps everyone without a filter, by username", () => {
    expect(filterUsers(users, none).map((u) => u.username)).toEqual(["alice", "bob", "old"]);
  });

  it("filters by direct department, role, active flag and text", () => {
    expect(filterUsers(users, { ...none, department: "ops" }).map((u) => u.username)).toEqual(["alice", "old"]);
    expect(filterUsers(users, { ...none, role: "director", active: "yes" }).map((u) => u.username)).toEqual(["alice"]);
    expect(filterUsers(users, { ...none, active: "no" }).map((u) => u.username)).toEqual(["old"]);
    expect(filterUsers(users, { ...none, text: "TIMER" }).map((u) => u.username)).toEqual(["old"]);
    expect(filterUsers(users, { ...none, text: "bob@" }).map((u) => u.username)).toEqual(["bob"]);
  });

  it("round-trips the filter through the address", () => {
    const filter = { department: "eng", role: "director", active: "yes", text: "al" };
    const params = new URLSearchParams(userFilterQuery(filter));
    expect(userFilterOf(params)).toEqual(filter);
  });
});

describe("the user form", () => {
  it("names every mistake before sending", () => {
    const form = { ...userForm(), username: "bad name", name: " ", email: "nope", channels: "email, Bad!",
      contacts: { mobile: "12", feishu: "", dingtalk: "", wecom: "" } };
    const problems = checkUser(form);
    expect(problems.map((p) => `${p.field}:${p.message}`)).toEqual([
      "username:ops.check.username", "name:ops.check.required", "email:ops.check.email",
      "channels:ops.check.channel", "contacts.mobile:ops.check.phone",
    ]);
    expect(problems.find((p) => p.field === "channels")?.vars).toEqual({ value: "Bad!" });
  });

  it("refuses a new username that is taken, and accepts a good user", () => {
    const form = { ...userForm(), username: "bob", name: "Bob" };
    expect(checkUser(form, ["bob"]).map((p) => p.message)).toEqual(["ops.check.taken"]);
    expect(checkUser({ ...form, username: "bobby", contacts: { ...form.contacts, mobile: "+86 138-0000-0000" } }, ["bob"])).toEqual([]);
  });

  it("sends every field, blank contacts and channels cleared, active as shown", () => {
    const form = userForm({ username: "old", name: "Old", active: false, departments: ["ops"], roles: ["director"],
      channels: ["email"], contacts: { mobile: "13800000000", feishu: "ou_1" } });
    expect(form.channels).toBe("email");
    const input = userInput({ ...form, email: " ", channels: "email,  feishu, email", contacts: { ...form.contacts, feishu: " " } });
    expect(input).toEqual({ username: "old", name: "Old", email: undefined, active: false, departments: ["ops"],
      roles: ["director"], channels: ["email", "feishu"], contacts: { mobile: "13800000000" } });
  });
});

describe("the department tree", () => {
  it("nests children under parents, sorted by name, with unknown parents as roots", () => {
    const forest = departmentTree(departments);
    expect(forest.map((n) => n.department.id)).toEqual(["company", "orphan"]);
    expect(forest[0].children.map((n) => n.department.id)).toEqual(["eng", "ops"]);
    expect(forest[0].children[0].children.map((n) => n.department.id)).toEqual(["web"]);
    expect(branchIds(forest)).toEqual(["company", "eng"]);
  });

  it("places each department of a cycle once", () => {
    const forest = departmentTree([{ id: "a", name: "A", parentId: "b" }, { id: "b", name: "B", parentId: "a" }]);
    const ids: string[] = [];
    const walk = (nodes: typeof forest) => nodes.forEach((n) => { ids.push(n.department.id!); walk(n.children); });
    walk(forest);
    expect(ids.sort()).toEqual(["a", "b"]);
  });

  it("offers as parents neither the department itself nor anything below it", () => {
    expect([...descendantsOf(departments, "company")].sort()).toEqual(["eng", "ops", "web"]);
    expect(parentChoices(departments, "eng").map((d) => d.id)).toEqual(["company", "ops", "orphan"]);
    expect(parentChoices(departments, undefined)).toHaveLength(5);
  });

  it("counts active members and role holders only", () => {
    expect(activeMembers(users, "ops").map((u) => u.username)).toEqual(["alice"]);
    expect(roleHolders(users, "director").map((u) => u.username)).toEqual(["alice"]);
  });

  it("checks and builds a department", () => {
    expect(checkDepartment(departmentForm(undefined, "company")).map((p) => `${p.field}:${p.message}`))
      .toEqual(["id:ops.check.required", "name:ops.check.required"]);
    const form = { ...departmentForm(undefined, "company"), id: "qa", name: " QA ", approvers: ["bob"] };
    expect(checkDepartment(form, ["eng"])).toEqual([]);
    expect(checkDepartment({ ...form, id: "eng" }, ["eng"]).map((p) => p.message)).toEqual(["ops.check.taken"]);
    expect(checkDepartment({ ...form, id: "QA!" }).map((p) => p.message)).toEqual(["ops.check.id"]);
    expect(checkDepartment({ ...form, parentId: "qa" }).map((p) => p.message)).toEqual(["ops.check.ownParent"]);
    expect(departmentInput(form)).toEqual({ id: "qa", name: "QA", parentId: "company", leader: undefined, approvers: ["bob"] });
    expect(departmentInput({ ...form, parentId: "" }).parentId).toBeUndefined();
  });

  it("checks a role", () => {
    expect(checkRole({ id: "director", name: "Director" }, ["director"]).map((p) => p.message)).toEqual(["ops.check.taken"]);
    expect(checkRole({ id: "auditor", name: "Auditor" }, ["director"])).toEqual([]);
  });
});

describe("delegations", () => {
  const now = new Date(2026, 11, 5, 10, 0);
  const at = (days: number) => localInputValue(new Date(now.getTime() + days * 86_400_000));

  it("needs two different users and an end after the start, in the future, within 366 days", () => {
    const problems = (f: Partial<ReturnType<typeof delegationForm>>) =>
      checkDelegation({ ...delegationForm("alice"), delegate: "bob", until: at(1), ...f }, now).map((p) => `${p.field}:${p.message}`);
    expect(problems({})).toEqual([]);
    expect(problems({ delegate: "alice" })).toEqual(["delegate:ops.check.sameUser"]);
    expect(problems({ until: "" })).toEqual(["until:ops.check.required"]);
    expect(problems({ from: at(2) })).toEqual(["until:ops.check.untilAfterFrom"]);
    expect(problems({ from: at(-3), until: at(-1) })).toEqual(["until:ops.check.untilFuture"]);
    expect(problems({ until: at(400) })).toEqual(["until:ops.check.window"]);
    expect(problems({ reason: "x".repeat(501) })).toEqual(["reason:ops.check.tooLong"]);
  });

  it("sends local times as instants and no workflows for all", () => {
    const input = delegationInput({ ...delegationForm("alice"), delegate: "bob", from: "2026-12-06T09:30", until: "2026-12-08T18:00" });
    expect(input.from).toEqual(new Date(2026, 11, 6, 9, 30));
    expect(input.until).toEqual(new Date(2026, 11, 8, 18, 0));
    expect(input.workflows).toEqual([]);
    expect(delegationInput({ ...delegationForm("alice"), until: "2026-12-08T18:00" }).from).toBeUndefined();
  });

  it("merges each user's list into one, each delegation once, by start", () => {
    const a = { id: "1", from: new Date(2026, 0, 2) };
    const b = { id: "2", from: new Date(2026, 0, 1) };
    expect(mergeDelegations([[a], [a, b], []]).map((d) => d.id)).toEqual(["2", "1"]);
  });

  it("runs at most the given number of calls at once, keeping the order", async () => {
    let running = 0;
    let most = 0;
    const out = await inBatches([1, 2, 3, 4, 5], 2, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      return n * 10;
    });
    expect(out).toEqual([10, 20, 30, 40, 50]);
    expect(most).toBe(2);
  });
});

namespace Switchboard.Grains.Extensions;

/// <summary>
/// The binding-table update of RFC 3261 §10.3 steps 6–8, as a pure function of the current bindings, the request
/// and the clock, so it is tested without a cluster. All or nothing: a request that fails changes no binding.
/// </summary>
public static class Registrar
{
    public static RegistrarOutcome Apply(
        IReadOnlyList<Binding> current, RegisterRequest request, DateTimeOffset now, RegistrarOptions options)
    {
        var live = current.Where(b => b.ExpiresAt > now).ToList();
        var pruned = live.Count != current.Count;

        if (request.Wildcard)
        {
            return ApplyWildcard(live, request, now, pruned);
        }

        if (request.Contacts.Count == 0)
        {
            // Step 6 with no Contact: a query, answered with the current bindings.
            return Ok(live, now, pruned);
        }

        // Step 7, first pass: every expiry is valid before anything changes.
        var expiries = new int[request.Contacts.Count];
        for (var i = 0; i < request.Contacts.Count; i++)
        {
            var contact = request.Contacts[i];
            var expires = contact.Expires ?? request.Expires ?? options.DefaultExpires;
            if (expires < 0 || string.IsNullOrWhiteSpace(contact.Uri))
            {
                return Fail(400, "Bad Request", live, now, pruned);
            }

            if (expires > 0 && expires < options.MinExpires)
            {
                return new RegistrarOutcome(
                    new RegistrationResult(423, "Interval Too Brief", options.MinExpires, live, now), live, pruned);
            }

            expiries[i] = Math.Min(expires, options.MaxExpires);
        }

        var next = new List<Binding>(live);
        for (var i = 0; i < request.Contacts.Count; i++)
        {
            var contact = request.Contacts[i];
            var index = next.FindIndex(b => Matches(b, contact));
            var registeredAt = now;
            if (index >= 0)
            {
                var existing = next[index];
                registeredAt = existing.RegisteredAt;

                // Same Call-ID with a CSeq not above the stored one: an old or replayed request (step 7).
                if (existing.CallId == request.CallId && request.CSeq <= existing.CSeq)
                {
                    return Fail(500, "Out of order CSeq", live, now, pruned);
                }

                next.RemoveAt(index);
            }

            if (expiries[i] > 0)
            {
                next.Add(new Binding(
                    contact.Uri, now.AddSeconds(expiries[i]), contact.Q, request.CallId, request.CSeq, request.Path,
                    request.Source, request.EdgeId, contact.InstanceId, contact.RegId, request.UserAgent,
                    registeredAt));
            }
        }

        if (next.Count > options.MaxBindings)
        {
            return Fail(403, "Too many contacts", live, now, pruned);
        }

        return Ok(next, now, changed: true);
    }

    private static RegistrarOutcome ApplyWildcard(List<Binding> live, RegisterRequest request, DateTimeOffset now, bool pruned)
    {
        // Step 6: "*" is only valid alone and with Expires: 0.
        if (request.Contacts.Count > 0 || request.Expires != 0)
        {
            return Fail(400, "Invalid wildcard", live, now, pruned);
        }

        // A binding from the same Call-ID is removed only by a higher CSeq; otherwise the whole request fails.
        if (live.Any(b => b.CallId == request.CallId && request.CSeq <= b.CSeq))
        {
            return Fail(500, "Out of order CSeq", live, now, pruned);
        }

        return Ok([], now, changed: true);
    }

    /// <summary>
    /// RFC 5626 §6: a contact with +sip.instance and reg-id replaces the binding of the same instance and reg-id
    /// (the phone's new flow); otherwise contacts match by URI (compared case-insensitively here; the edge sends
    /// the URI as the phone wrote it, and phones re-register with the same text).
    /// </summary>
    private static bool Matches(Binding binding, ContactRequest contact) =>
        contact.InstanceId is not null && contact.RegId is not null
            ? binding.InstanceId == contact.InstanceId && binding.RegId == contact.RegId
            : string.Equals(binding.ContactUri, contact.Uri, StringComparison.OrdinalIgnoreCase);

    private static RegistrarOutcome Ok(List<Binding> bindings, DateTimeOffset now, bool changed)
    {
        var ordered = bindings.OrderBy(b => b.RegisteredAt).ToList();
        return new RegistrarOutcome(new RegistrationResult(200, "OK", null, ordered, now), ordered, changed);
    }

    private static RegistrarOutcome Fail(int status, string reason, List<Binding> live, DateTimeOffset now, bool pruned) =>
        new(new RegistrationResult(status, reason, null, live, now), live, pruned);
}

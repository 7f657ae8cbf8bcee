using System.Text.Json;
using Npgsql;
using Switchboard.Grains.Extensions;
using Switchboard.Grains.Runtime;

namespace Switchboard.Silo.Api.Exports;

/// <summary>
/// Writes one subscriber's export (docs/privacy.md, access and portability): the sections a subject has, each
/// streamed from where it lives (PostgreSQL rows as they are stored; extensions and their current bindings from
/// their grains), so a large tenant's years of CDRs never sit in memory.
/// </summary>
public sealed class SubscriberExport(
    NpgsqlDataSource db, IGrainFactory grains, JsonSerializerOptions options, Utf8JsonWriter json, Stream body, CancellationToken cancellationToken)
{
    /// <summary>Audit entries whose resource names <c>@id</c> as a whole path segment or route value.</summary>
    public const string AuditAbout = """
        SELECT * FROM audit_log
        WHERE resource ~ ('(^|[=,/])' || regexp_replace(@id, '([.^$*+?()\[\]{}|\\-])', '\\\1', 'g') || '($|[,/])')
        ORDER BY entry_id
        """;

    public Task Rows(string name, string sql, params (string Name, object Value)[] parameters)
    {
        var command = db.CreateCommand(sql);
        foreach (var (parameter, value) in parameters)
        {
            command.Parameters.AddWithValue(parameter, value);
        }

        return WriteAndDispose(name, command);
    }

    /// <summary>Through a JsonElement: serializing straight into the writer would flush it synchronously.</summary>
    public void Object<T>(string name, T value)
    {
        json.WritePropertyName(name);
        JsonSerializer.SerializeToElement(value, options).WriteTo(json);
    }

    public async Task Extensions(string tenantId, IEnumerable<string> numbers)
    {
        json.WriteStartArray("extensions");
        foreach (var number in numbers)
        {
            var extension = grains.Grain<IExtensionGrain>(ExtensionKeys.For(tenantId, number));
            if (await extension.GetSnapshot() is not { } snapshot)
            {
                continue;
            }

            json.WriteStartObject();
            Object("extension", snapshot);
            Object("bindings", await extension.GetBindings());
            json.WriteEndObject();
        }

        json.WriteEndArray();
        await json.FlushAsync(cancellationToken);
    }

    private async Task WriteAndDispose(string name, NpgsqlCommand command)
    {
        await using (command)
        {
            await JsonRows.WriteAsync(json, name, command, body, cancellationToken);
        }

        await json.FlushAsync(cancellationToken);
    }
}

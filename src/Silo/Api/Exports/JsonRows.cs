using System.Text.Json;
using Npgsql;

namespace Switchboard.Silo.Api.Exports;

/// <summary>
/// Streams the rows of a query as a JSON array of objects, every column the table holds under its camel-cased
/// name, so an export shows what the database really keeps and a new column appears in it without a code change.
/// </summary>
public static class JsonRows
{
    private const int FlushEvery = 200;

    public static async Task WriteAsync(
        Utf8JsonWriter json, string name, NpgsqlCommand command, Stream body, CancellationToken cancellationToken)
    {
        json.WriteStartArray(name);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            var names = Enumerable.Range(0, reader.FieldCount).Select(i => FieldName(reader.GetName(i))).ToArray();
            var rows = 0;
            while (await reader.ReadAsync(cancellationToken))
            {
                json.WriteStartObject();
                for (var i = 0; i < names.Length; i++)
                {
                    json.WritePropertyName(names[i]);
                    WriteValue(json, reader, i);
                }

                json.WriteEndObject();
                if (++rows % FlushEvery == 0)
                {
                    await json.FlushAsync(cancellationToken);
                    await body.FlushAsync(cancellationToken);
                }
            }
        }

        json.WriteEndArray();
    }

    /// <summary>A column's name as the API spells fields: <c>call_id</c> becomes <c>callId</c>.</summary>
    public static string FieldName(string column)
    {
        var parts = column.Split('_', StringSplitOptions.RemoveEmptyEntries);
        return string.Concat(parts.Select((p, i) => i == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
    }

    private static void WriteValue(Utf8JsonWriter json, NpgsqlDataReader reader, int i)
    {
        if (reader.IsDBNull(i))
        {
            json.WriteNullValue();
            return;
        }

        if (reader.GetDataTypeName(i) is "jsonb" or "json")
        {
            json.WriteRawValue(reader.GetString(i));
            return;
        }

        switch (reader.GetValue(i))
        {
            case decimal number:
                json.WriteNumberValue(number);
                break;
            case int or long or short:
                json.WriteNumberValue(reader.GetInt64(i));
                break;
            case bool flag:
                json.WriteBooleanValue(flag);
                break;
            case DateTime when reader.GetDataTypeName(i) == "timestamp with time zone":
                json.WriteStringValue(reader.GetFieldValue<DateTimeOffset>(i));
                break;
            case var other:
                json.WriteStringValue(Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture));
                break;
        }
    }
}

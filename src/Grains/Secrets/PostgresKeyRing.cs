using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Switchboard.Grains.Secrets;

/// <summary>
/// The data-protection key ring in PostgreSQL (table <c>data_protection_keys</c>), shared by every silo, so a
/// secret encrypted on one silo decrypts on any other after a failover. Keys are never deleted: an old key must stay
/// to decrypt what it encrypted until that is re-encrypted with the current one.
/// </summary>
public sealed class PostgresKeyRing(NpgsqlDataSource db) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var command = db.CreateCommand("SELECT xml FROM data_protection_keys ORDER BY created_at, friendly_name");
        using var reader = command.ExecuteReader();
        var keys = new List<XElement>();
        while (reader.Read())
        {
            keys.Add(XElement.Parse(reader.GetString(0)));
        }

        return keys;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var command = db.CreateCommand(
            "INSERT INTO data_protection_keys (friendly_name, xml) VALUES (@name, @xml) ON CONFLICT (friendly_name) DO NOTHING");
        command.Parameters.AddWithValue("name", friendlyName);
        command.Parameters.AddWithValue("xml", element.ToString(SaveOptions.DisableFormatting));
        command.ExecuteNonQuery();
    }
}
